import request from 'supertest';
import { LoginDelay } from '../../../src/users/login-delay';
import { UsersService } from '../../../src/users/users.service';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';

const THRESHOLD = 3;
const consumerLogin = (t: TestApp, username: string, password: string) =>
  request(t.url).post('/consumer/login').send({ username, password });
const events = async (t: TestApp, username: string) =>
  ((await t.dataSource.query('SELECT event FROM audit_events WHERE actor_name = ? ORDER BY id', [username])) as { event: string }[]).map(
    (row) => row.event,
  );

/**
 * Five bad passwords must not lock the last active administrator out of every channel (issue 11):
 * the slow-down stays, the hard lock is lifted for that account only (docs/security.md). Seen
 * failing on f03f4d3: after the threshold the administrator's right password was refused (400) on
 * every channel for LOGIN_LOCKOUT_SECONDS, so anyone who knew the name could lock the
 * installation out of its own console.
 */
describe('the last active administrator is slowed down, never locked', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LOCKOUT_THRESHOLD: String(THRESHOLD), LOGIN_LOCKOUT_SECONDS: '600' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('still lets the only administrator in after more bad passwords than the threshold, paused as anyone else', async () => {
    const pause = jest.spyOn(t.app.get(LoginDelay), 'pause');
    try {
      for (let i = 0; i < THRESHOLD + 2; i++) await consumerLogin(t, ADMIN.username, 'a-wrong-guess-123').expect(400);
      expect(pause.mock.calls.map(([ms]) => ms)).toEqual([100, 200, 400, 800, 1600]);
    } finally {
      pause.mockRestore();
    }
    await consumerLogin(t, ADMIN.username, ADMIN.password).expect(200);
    expect(await events(t, ADMIN.username)).toEqual([
      ...Array(THRESHOLD).fill('login.failed'),
      'account.lock_waived',
      'login.failed',
      'login.failed',
      'login.succeeded',
    ]);
  });

  it('locks an administrator as usual while another active administrator remains', async () => {
    await t.app.get(UsersService).create({ username: 'second-admin', password: 'second-admin-password', roles: ['Administrator'] });
    for (let i = 0; i < THRESHOLD; i++) await consumerLogin(t, ADMIN.username, 'a-wrong-guess-123').expect(400);
    await consumerLogin(t, ADMIN.username, ADMIN.password).expect(400);
    expect((await events(t, ADMIN.username)).slice(-5)).toEqual([
      'login.failed',
      'login.failed',
      'login.failed',
      'account.locked',
      'login.failed',
    ]);
  });
});

import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('failed logins lock the account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALLOW_BASIC_PASSWORD: 'true', LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_SECONDS: '2' });
    await t.app.get(UsersService).create({ username: 'erin', password: 'erin-password-123', roles: ['Consumer'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (password: string) => request(t.url).get('/api/me').set('Authorization', basic('erin', password));
  const events = async () =>
    (await t.dataSource.query("SELECT event, outcome, details FROM audit_events WHERE actor_name = 'erin' ORDER BY id")) as {
      event: string;
      outcome: string;
      details: string;
    }[];

  it('refuses the right password while locked, audits the lock, and lets it in again when the lock ends', async () => {
    await me('erin-password-123').expect(200);
    for (let i = 0; i < 3; i++) await me('wrong-guess').expect(401);
    await me('erin-password-123').expect(401);
    const locked = await events();
    expect(locked.map((e) => e.event)).toEqual([
      'login.succeeded',
      'login.failed',
      'login.failed',
      'login.failed',
      'account.locked',
      'login.failed',
    ]);
    expect(JSON.parse(locked[5].details).reason).toBe('locked');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await me('erin-password-123').expect(200);
    const after = (await events()).map((e) => e.event);
    expect(after.slice(-2)).toEqual(['account.unlocked', 'login.succeeded']);
  });

  it('never writes the guessed or the real password into the audit log', async () => {
    const dump = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'));
    expect(dump).not.toContain('wrong-guess');
    expect(dump).not.toContain('erin-password-123');
  });
});

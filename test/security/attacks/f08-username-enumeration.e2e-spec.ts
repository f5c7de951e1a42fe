import request from 'supertest';
import { LoginDelay } from '../../../src/users/login-delay';
import { PasswordHasher } from '../../../src/users/password.hasher';
import { startTestApp, TestApp } from '../../support/test-app';
import { createPerson, unique } from '../support/flows';

const THRESHOLD = 3;

/** What one name's failed sign-ins cost, observed inside the running app (never by a clock). */
interface Cost {
  answers: { status: number; body: unknown }[];
  argon2Verifications: number;
  pauses: number[];
  locked: boolean;
  events: string[];
}

/**
 * F8. A failed sign-in must cost the same whatever the name. Seen failing on f03f4d3: an unknown
 * name cost one decoy verification and no pause (≈ 25 ms) while an existing name with a wrong
 * password paused 100, 200, 400 ms … and got locked (≥ 125 ms): the timing told which names
 * exist. The test asserts the mechanism, not a time: the same answers, the same number of argon2
 * verifications, the same pauses asked of LoginDelay, the same lock and the same audit events.
 */
describe('F8: unknown names and wrong passwords take the same path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LOCKOUT_THRESHOLD: String(THRESHOLD), LOGIN_LOCKOUT_SECONDS: '600' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function failedSignIns(username: string, attempts: number): Promise<Cost> {
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    const pause = jest.spyOn(t.app.get(LoginDelay), 'pause');
    try {
      const answers = [];
      for (let i = 0; i < attempts; i++) {
        const res = await request(t.url).post('/consumer/login').send({ username, password: 'a-wrong-guess-123' });
        answers.push({ status: res.status, body: res.body });
      }
      const rows = await t.dataSource.query('SELECT event FROM audit_events WHERE actor_name = ? ORDER BY id', [username]);
      const [lock] = await t.dataSource.query('SELECT locked_until FROM login_failures WHERE name_hash = ?', [await sha256(username)]);
      return {
        answers,
        argon2Verifications: verify.mock.calls.length,
        pauses: pause.mock.calls.map(([ms]) => ms),
        locked: Boolean(lock?.locked_until),
        events: rows.map((row: { event: string }) => row.event),
      };
    } finally {
      verify.mockRestore();
      pause.mockRestore();
    }
  }

  it('costs an unknown name exactly what a wrong password for an existing person costs', async () => {
    const alice = await createPerson(t);
    const existing = await failedSignIns(alice.username, THRESHOLD + 1);
    const unknown = await failedSignIns(unique('ghost'), THRESHOLD + 1);
    expect(unknown).toEqual(existing);
    expect(existing).toMatchObject({
      argon2Verifications: THRESHOLD + 1,
      pauses: [100, 200, 400, 800],
      locked: true,
      events: ['login.failed', 'login.failed', 'login.failed', 'account.locked', 'login.failed'],
    });
    expect(new Set(existing.answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });

  it('keeps a locked existing person out even with the right password, like any locked name', async () => {
    const bea = await createPerson(t);
    await failedSignIns(bea.username, THRESHOLD);
    const res = await request(t.url).post('/consumer/login').send({ username: bea.username, password: bea.password });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
  });
});

async function sha256(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}

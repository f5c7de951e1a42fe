import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { enrolThroughAccountPage } from '../../two-factor/two-factor-support';
import { personBrowser } from '../../web/pages-support';
import { basicAuth, createPerson, form, registerApp, unique, uniqueIp } from '../support/flows';

const LOGIN_LIMIT = 6;

/**
 * F24 (medium). docs/security.md said the login rate limit (per IP and per name) bounds password
 * guessing, the last administrator's included (slowed down, never locked). The per-name counter
 * covered only the console's /login and /consumer/login: through the password grant, or a
 * person's password as Basic on the API, each IP (and each client) had its own budget and the name
 * none, and the last administrator's second-factor codes could be tried without a lock. Found by
 * a review session; seen failing on 86d1cc8: five password-grant guesses for one name from five
 * IPs all answered 400, no 429; after more wrong codes than the threshold, the last administrator's
 * right password and right code still signed in.
 * Now every channel that checks a person's password adds to the same per-name budget, and a wrong
 * second-factor code counts towards a lock even for the last administrator (whoever sends codes
 * already holds the password).
 */
describe("F24: a person's password and second factor are bounded per name on every channel", () => {
  let t: TestApp;
  let clientId: string;
  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMITS: 'on',
      TRUST_PROXY: 'true',
      RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT),
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000',
      RATE_LIMIT_API_PER_MINUTE: '1000',
      ALLOW_BASIC_PASSWORD: 'true',
      LOGIN_LOCKOUT_THRESHOLD: '3',
      LOGIN_LOCKOUT_SECONDS: '600',
    });
    const owner = await createPerson(t);
    clientId = (await registerApp(t, owner.username, { confidential: false, grant_types: ['password', 'authorization_code'] })).client_id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const passwordGrant = (username: string, password: string, otp?: string) =>
    request(t.url)
      .post('/oauth2/token')
      .set('X-Forwarded-For', uniqueIp())
      .type('form')
      .send(form({ grant_type: 'password', client_id: clientId, username, password, otp }));

  it('limits password-grant guesses for one name across IPs, in the budget /consumer/login shares', async () => {
    const name = unique('victim-');
    for (let i = 0; i < LOGIN_LIMIT - 1; i++) expect((await passwordGrant(name, `guess-${i}-password`)).status).toBe(400);
    const viaLogin = await request(t.url)
      .post('/consumer/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ username: name, password: 'x-guess-1234' });
    expect(viaLogin.status).toBe(400);
    const limited = await passwordGrant(name, 'one-more-guess-123');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await passwordGrant(unique('other-'), 'a-guess-for-another')).status).toBe(400);
  });

  it("limits a person's password sent as Basic on the API per name across IPs", async () => {
    const name = unique('basic-');
    const basic = () =>
      request(t.url)
        .get('/api/me')
        .set('X-Forwarded-For', uniqueIp())
        .set('Authorization', basicAuth(name, `guess-${Math.random()}`));
    for (let i = 0; i < LOGIN_LIMIT; i++) expect((await basic()).status).toBe(401);
    expect((await basic()).status).toBe(429);
  });

  it('locks even the last administrator after more wrong second-factor codes than the threshold', async () => {
    const browser = await personBrowser(t, ADMIN.username, ADMIN.password);
    const { app } = await enrolThroughAccountPage(browser, ADMIN.password);
    for (let i = 0; i < 3; i++) {
      const wrong = await request(t.url)
        .post('/consumer/login')
        .set('X-Forwarded-For', uniqueIp())
        .send({ username: ADMIN.username, password: ADMIN.password, otp: String(100000 + i) });
      expect(wrong.status).toBe(400);
    }
    const right = await request(t.url)
      .post('/consumer/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ username: ADMIN.username, password: ADMIN.password, otp: await app.nextCode() });
    expect(right.status).toBe(400);
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_events WHERE event = 'account.locked' AND actor_name = ?`, [
      ADMIN.username,
    ]);
    expect(Number(n)).toBe(1);
  });
});

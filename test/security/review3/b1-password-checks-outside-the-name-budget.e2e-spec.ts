import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { FormClient } from '../../web/browser-like';
import { bearer, consentedCode, createPerson, form, redeemCode, registerApp, uniqueIp } from '../support/flows';

const LIMIT = 3;

/**
 * Review 3, B1 (medium). The per-name `login` budget (F24) is the only bound on guesses at the last
 * administrator's password spread over many addresses: she is slowed down, never locked. The
 * RateLimitGuard charged it from the raw request, before any route decided which name it checks, so
 * three spellings of a request escaped it: `/login` trims the name (" admin" and "admin\t" each had
 * a budget of their own but checked admin's password), the password grant's parameters in the query
 * (OAUTH_ALLOW_QUERY_CREDENTIALS) were not read, and the current password on `/api/me/password` and
 * `/account/password` was not counted at all: a third-party application she allowed `read account`
 * guessed it without bound and then set its own. Found by a review session (helper), reproduced on
 * 43fc4ee: eight padded guesses and six query guesses after the budget was spent all answered 401 /
 * 400, the right password then signed in; eight guesses through `/api/me/password` answered 403 and
 * the ninth, right, changed the password.
 * Now the budget is charged where the password is checked (UsersService.verifyFirstFactor), with
 * the name looked up: every channel and every spelling of a request draws on the same one.
 */
describe("review 3 B1: every check of a person's password draws on the name's one budget", () => {
  let t: TestApp;
  let publicClientId: string;
  let delegated: string;
  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMITS: 'on',
      TRUST_PROXY: 'true',
      OAUTH_ALLOW_QUERY_CREDENTIALS: 'true',
      RATE_LIMIT_LOGIN_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000',
      RATE_LIMIT_API_PER_MINUTE: '1000',
      LOGIN_LOCKOUT_THRESHOLD: '3',
      LOGIN_LOCKOUT_SECONDS: '600',
    });
    const mallory = await createPerson(t);
    publicClientId = (await registerApp(t, mallory.username, { confidential: false, grant_types: ['password', 'authorization_code'] }))
      .client_id;
    const app = await registerApp(t, mallory.username, { scopes: ['read', 'account'] });
    const redeemed = await redeemCode(t, app, await consentedCode(t, ADMIN.username, app, 'read account'));
    expect(redeemed.status).toBe(200);
    delegated = redeemed.body.access_token;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** /consumer/login from an address of its own: 429 once the name's budget is spent. */
  const consumerLogin = (username: string, password: string) =>
    request(t.url).post('/consumer/login').set('X-Forwarded-For', uniqueIp()).send({ username, password });

  /** The console's sign-in form, as a browser at an address of its own sends it. */
  const login = (username: string, password: string) => new FormClient(t.url, { 'X-Forwarded-For': uniqueIp() }).signIn(username, password);

  it('counts padded spellings of a name on /login as the name itself', async () => {
    const person = await createPerson(t);
    for (let i = 0; i < LIMIT; i++)
      expect((await login(`${' '.repeat(i + 1)}${person.username}`, `wrong-guess-${i}-xyz`)).status).toBe(401);
    const refused = await login(`${person.username}\t`, person.password);
    expect([refused.status, refused.type]).toEqual([429, 'text/html']);
    expect(refused.text).toContain('Too many attempts');
    expect((await login(person.username, person.password)).status).toBe(429);
    expect((await consumerLogin(person.username, person.password)).status).toBe(429);
  });

  it('counts password-grant guesses sent in the query string', async () => {
    const person = await createPerson(t);
    const fields = (password: string) => form({ grant_type: 'password', client_id: publicClientId, username: person.username, password });
    const inQuery = (password: string) =>
      request(t.url)
        .post(`/oauth2/token?${fields(password)}`)
        .set('X-Forwarded-For', uniqueIp())
        .type('form')
        .send('');
    for (let i = 0; i < LIMIT; i++) expect((await inQuery(`query-wrong-${i}-xyz`)).status).toBe(400);
    expect((await inQuery(person.password)).status).toBe(429);
    expect((await consumerLogin(person.username, person.password)).status).toBe(429);
  });

  it("bounds an application's guesses at the current password on /api/me/password, the last administrator's included", async () => {
    const guess = (current: string) =>
      request(t.url)
        .post('/api/me/password')
        .set('X-Forwarded-For', uniqueIp())
        .set('Authorization', bearer(delegated))
        .send({ current_password: current, new_password: 'mallory-owns-this-now-2027' });
    for (let i = 0; i < LIMIT; i++) expect((await guess(`wrong-guess-${i}-xyz`)).status).toBe(403);
    const right = await guess(ADMIN.password);
    expect(right.status).toBe(429);
    expect(right.body.error).toBe('too_many_requests');
    expect(Number(right.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await consumerLogin(ADMIN.username, 'x-guess-1234')).status).toBe(429);
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_events WHERE event = 'password.changed'`);
    expect(Number(n)).toBe(0);
  });

  it('counts the current password typed on /account/password in the same budget', async () => {
    const person = await createPerson(t);
    const browser = new FormClient(t.url, { 'X-Forwarded-For': uniqueIp() });
    expect((await browser.signIn(person.username, person.password)).status).toBe(303);
    await browser.get('/account/password');
    for (let i = 0; i < LIMIT - 1; i++) {
      const wrong = await browser.post('/account/password', { current_password: `wrong-${i}-xyz`, new_password: 'a-new-password-2027' });
      expect(wrong.status).toBe(403);
    }
    const refused = await browser.post('/account/password', { current_password: person.password, new_password: 'a-new-password-2027' });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many');
    expect((await consumerLogin(person.username, person.password)).status).toBe(429);
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, createPerson, form, unique, uniqueIp } from '../support/flows';

const LOGIN_LIMIT = 6;

/**
 * Review (limits): a person's `username:password` is accepted as client credentials at the token
 * endpoint for the client_credentials and refresh_token grants (`takesPersonCredentials`), and
 * checked with argon2 there (`ClientAuthenticator.userAsClient` → `PasswordSignIn.signIn`). F24 says
 * every channel that checks a person's password adds to that name's `login` budget; the `token`
 * policy's `personName` (`passwordGrantUser`) names the person only for grant_type=password, so
 * through client_credentials a name gets the token budget (300/min) instead of the login one (20/min).
 */
describe("R20: a person's password sent as client credentials counts in that name's login budget", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMITS: 'on',
      TRUST_PROXY: 'true',
      RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT),
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000',
      LOGIN_LOCKOUT_THRESHOLD: '100',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits client_credentials guesses at a name in Basic across IPs', async () => {
    const victim = await createPerson(t);
    // Control: the channel takes the person's password (a token for the right one).
    const control = await request(t.url)
      .post('/oauth2/token')
      .set('X-Forwarded-For', uniqueIp())
      .set('Authorization', basicAuth(victim.username, victim.password))
      .type('form')
      .send(form({ grant_type: 'client_credentials' }));
    expect(control.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) {
      const res = await request(t.url)
        .post('/oauth2/token')
        .set('X-Forwarded-For', uniqueIp())
        .set('Authorization', basicAuth(victim.username, `wrong-guess-${i}-xyz`))
        .type('form')
        .send(form({ grant_type: 'client_credentials' }));
      statuses.push(res.status);
    }
    // The password was checked each time (401 invalid_client), never refused by the per-name budget.
    expect(statuses).toContain(429);
  });

  it('limits client_secret_post guesses at a name, and /consumer/login then shares that budget', async () => {
    const name = unique('victim-');
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      await request(t.url)
        .post('/oauth2/token')
        .set('X-Forwarded-For', uniqueIp())
        .type('form')
        .send(form({ grant_type: 'client_credentials', client_id: name, client_secret: `guess-${i}-password` }));
    }
    const viaLogin = await request(t.url)
      .post('/consumer/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ username: name, password: 'x-guess-1234' });
    expect(viaLogin.status).toBe(429);
  });
});

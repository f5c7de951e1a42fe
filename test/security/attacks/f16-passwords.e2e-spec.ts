import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { createTestDatabase } from '../../support/test-database';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { FormClient } from '../../web/browser-like';
import { bearer, codeGrantTokens, createPerson, loginToken, Person, registerApp, tokenRequest, unique } from '../support/flows';

/** Every credential a person can hold, made through the real endpoints. */
interface Held {
  sessions: string[];
  accessToken: string;
  refreshToken: string;
  codeGrantToken: string;
  pat: string;
  apiKey: string;
}

/**
 * F16. ASVS 5.0 V6.2 passwords, one policy everywhere; a changed password ends every other
 * session, grant, token and personal access token of the person. Seen failing on f03f4d3:
 * `password` was accepted by `POST /api/admin/users` (201) and `PATCH` (200); there was no
 * `POST /api/me/password` (404) and no `/account/password` page (404); after an administrator's
 * reset the person's access token, refresh token and PAT still worked (200).
 */
describe('F16: passwords', () => {
  let t: TestApp;
  let admin: string;
  const me = (token: string) => request(t.url).get('/api/me').set('Authorization', bearer(token));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await sessionCookieFor(t, ADMIN.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function hold(person: Person): Promise<Held> {
    const sessions = [await sessionCookieFor(t, person.username), await sessionCookieFor(t, person.username)];
    const login = await request(t.url).post('/consumer/login').send({ username: person.username, password: person.password }).expect(200);
    const app = await registerApp(t, person.username, { scopes: ['read', 'account'] });
    const codeGrant = await codeGrantTokens(t, app, login.body.token);
    const keyOf = async (type: string) =>
      (
        await request(t.url)
          .post('/api/keys')
          .set(consoleHeaders(t, sessions[0]))
          .send({ name: unique('k'), type, scopes: ['read'] })
          .expect(201)
      ).body.key as string;
    return {
      sessions,
      accessToken: login.body.token,
      refreshToken: login.body.refresh_token,
      codeGrantToken: codeGrant.access_token,
      pat: await keyOf('personal_token'),
      apiKey: await keyOf('api_key'),
    };
  }

  async function expectEnded(held: Held, keptSession: string | null) {
    for (const session of held.sessions) {
      await request(t.url)
        .get('/api/me')
        .set(consoleHeaders(t, session))
        .expect(session === keptSession ? 200 : 401);
    }
    await me(held.accessToken).expect(401);
    await me(held.codeGrantToken).expect(401);
    await me(held.pat).expect(401);
    const refreshed = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: held.refreshToken, client_id: 'consumer' });
    expect({ status: refreshed.status, error: refreshed.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    // API keys are read-only and survive (docs/security.md, "Passwords").
    await request(t.url)
      .get('/api/me')
      .set('Authorization', `Basic ${Buffer.from(`:${held.apiKey}`).toString('base64')}`)
      .expect(200);
  }

  it("refuses a common password, a short one and an administrator's under 12 characters wherever an administrator sets one", async () => {
    const post = (body: object) => request(t.url).post('/api/admin/users').set(consoleHeaders(t, admin)).send(body);
    const common = await post({ username: unique('pw'), password: 'password', roles: ['Consumer'] });
    expect({ status: common.status, message: common.body.message }).toEqual({
      status: 400,
      message: 'password is one of the most commonly used passwords; choose another',
    });
    expect((await post({ username: unique('pw'), password: 'Tr0ub4dor&3x', roles: ['Administrator'] }).expect(201)).body.roles).toEqual([
      'Administrator',
    ]);
    const shortAdmin = await post({ username: unique('pw'), password: 'Tr0ub4dor&3', roles: ['Administrator'] });
    expect({ status: shortAdmin.status, message: shortAdmin.body.message }).toEqual({
      status: 400,
      message: 'password must be at least 12 characters for an administrator',
    });
    const person = await createPerson(t);
    const patch = (body: object) => request(t.url).patch(`/api/admin/users/${person.id}`).set(consoleHeaders(t, admin)).send(body);
    expect((await patch({ password: 'iloveyou' })).status).toBe(400);
    expect((await patch({ password: 'fine-passwd', roles: ['Administrator'] })).body.message).toBe(
      'password must be at least 12 characters for an administrator',
    );
    expect((await request(t.url).get(`/api/admin/users/${person.id}`).set(consoleHeaders(t, admin)).expect(200)).body.roles).toEqual([
      'Consumer',
    ]);
    await loginToken(t, person);
  });

  it("changes a person's own password through POST /api/me/password and ends everything else they held", async () => {
    const person = await createPerson(t);
    const held = await hold(person);
    const change = (body: object, session = held.sessions[0]) =>
      request(t.url).post('/api/me/password').set(consoleHeaders(t, session)).send(body);
    const weak = await change({ current_password: person.password, new_password: 'password1' });
    expect({ status: weak.status, message: weak.body.message }).toEqual({
      status: 400,
      message: 'password is one of the most commonly used passwords; choose another',
    });
    await change({ current_password: person.password, new_password: 'a-brand-new-passphrase' }).expect(204);
    await expectEnded(held, held.sessions[0]);
    await loginToken(t, { username: person.username, password: 'a-brand-new-passphrase' });
    await request(t.url).post('/consumer/login').send({ username: person.username, password: person.password }).expect(400);
  });

  it('refuses a wrong current password with 403 and counts it towards the lockout', async () => {
    const person = await createPerson(t);
    const session = await sessionCookieFor(t, person.username);
    const res = await request(t.url)
      .post('/api/me/password')
      .set(consoleHeaders(t, session))
      .send({ current_password: 'not-the-password', new_password: 'a-brand-new-passphrase' });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 403, error: 'forbidden' });
    const failures = await t.dataSource.query("SELECT details FROM audit_events WHERE event = 'login.failed' AND actor_name = ?", [
      person.username,
    ]);
    expect(failures.map((row: { details: string }) => JSON.parse(row.details))).toEqual([
      { reason: 'wrong password', channel: 'password-change' },
    ]);
    await loginToken(t, person);
  });

  it('does not let a token without the account scope change the password', async () => {
    const person = await createPerson(t);
    const token = (
      await request(t.url).post('/consumer/login').send({ username: person.username, password: person.password, scope: 'read' }).expect(200)
    ).body.token;
    await request(t.url)
      .post('/api/me/password')
      .set('Authorization', bearer(token))
      .send({ current_password: person.password, new_password: 'a-brand-new-passphrase' })
      .expect(403);
  });

  it('ends every session, grant, token and PAT of a person whose password an administrator resets', async () => {
    const person = await createPerson(t);
    const held = await hold(person);
    await request(t.url)
      .patch(`/api/admin/users/${person.id}`)
      .set(consoleHeaders(t, admin))
      .send({ password: 'reset-by-the-admin' })
      .expect(200);
    await expectEnded(held, null);
    await request(t.url).get('/api/me').set(consoleHeaders(t, admin)).expect(200);
  });

  it('offers a "Change password" page under /account', async () => {
    const person = await createPerson(t);
    const browser = new FormClient(t.url);
    await browser.signIn(person.username, person.password);
    const page = await browser.get('/account/password');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Change password');
    const wrong = await browser.post('/account/password', { current_password: 'nope-nope-nope', new_password: 'a-brand-new-passphrase' });
    expect(wrong.status).toBe(403);
    const weak = await browser.post('/account/password', { current_password: person.password, new_password: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('password is one of the most commonly used passwords');
    const done = await browser.post('/account/password', { current_password: person.password, new_password: 'a-brand-new-passphrase' });
    expect({ status: done.status, location: done.headers.location }).toEqual({ status: 303, location: '/account/password?notice=changed' });
    expect((await browser.get('/account/password?notice=changed')).text).toContain('Your password was changed');
  });
});

describe('F16: a first start with a common ADMIN_PASSWORD', () => {
  it('stops with a message naming ADMIN_PASSWORD instead of creating the administrator', async () => {
    const database = await createTestDatabase();
    try {
      await expect(startTestApp({ ADMIN_PASSWORD: '1qaz2wsx3edc' }, { database })).rejects.toThrow(
        'ADMIN_PASSWORD is refused: password is one of the most commonly used passwords; choose another',
      );
    } finally {
      await database.drop();
    }
  });
});

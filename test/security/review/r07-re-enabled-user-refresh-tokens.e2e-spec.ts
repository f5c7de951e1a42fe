import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { bearer, createPerson, form, Person } from '../support/flows';

/**
 * R07 (medium). Disabling a person refused her refresh tokens, but re-enabling her made them
 * usable again: "disable, investigate, enable" handed a thief's 14-day refresh token back. Seen
 * failing on 9d985cb (found by a review session): a refresh after disable and enable answered 200.
 * A disable now ends her grants (refresh tokens, and what they minted) and her sessions for good,
 * as a password change does; the API keys and personal access tokens she made in the console, which
 * an administrator can see and revoke one by one, are suspended while she is disabled and work
 * again afterwards (docs/decisions.md, "Disabling a user").
 */
describe('R07: a disable ends refresh tokens for good; keys and PATs are only suspended', () => {
  let t: TestApp;
  let person: Person;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    person = await createPerson(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const refresh = (refreshToken: string) =>
    request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send(form({ grant_type: 'refresh_token', client_id: 'consumer', refresh_token: refreshToken }));
  const setDisabled = (disabled: boolean) =>
    request(t.url).patch(`/api/admin/users/${person.id}`).set(admin).send({ disabled }).expect(200);

  it('refuses a refresh token issued before the disable, also after the person is enabled again', async () => {
    const login = await request(t.url).post('/consumer/login').send({ username: person.username, password: person.password }).expect(200);
    const mintedByLogin = await request(t.url)
      .post('/api/keys')
      .set('Authorization', bearer(login.body.token))
      .send({ name: 'through the login token', type: 'personal_token', scopes: ['read'] })
      .expect(201);
    const pat = await request(t.url)
      .post('/api/keys')
      .set(consoleHeaders(t, await sessionCookieFor(t, person.username)))
      .send({ name: 'made in the console', type: 'personal_token', scopes: ['read'] })
      .expect(201);
    await setDisabled(true);
    expect((await refresh(login.body.refresh_token)).status).toBe(400);
    await request(t.url).get('/api/me').set('Authorization', bearer(pat.body.key)).expect(401);
    await setDisabled(false);
    const again = await refresh(login.body.refresh_token);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant' });
    await request(t.url).get('/api/me').set('Authorization', bearer(pat.body.key)).expect(200);
    // What the login token's grant minted ended with that grant (R05's cascade), as on a password change.
    await request(t.url).get('/api/me').set('Authorization', bearer(mintedByLogin.body.key)).expect(401);
    const fresh = await request(t.url).post('/consumer/login').send({ username: person.username, password: person.password }).expect(200);
    expect((await refresh(fresh.body.refresh_token)).status).toBe(200);
  });
});

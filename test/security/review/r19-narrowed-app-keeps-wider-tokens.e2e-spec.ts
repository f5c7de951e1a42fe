import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, createPerson, Person, registerApp, RegisteredApp, tokenRequest } from '../support/flows';

/**
 * R19 (low; noticed in the review of "access tokens without a row", 4 December). An owner who
 * narrows an application (takes a scope away, or a grant type) means its tokens to lose that
 * right. Refresh tokens already do (the client's scopes cap every refresh), but access tokens
 * issued before the change kept the wider scopes until they expired (up to 24 h): nothing refused
 * them. Narrowing now ends them, as a new secret does (the client's not-before time).
 */
describe('R19: narrowing an application ends the access tokens issued with the wider rights', () => {
  let t: TestApp;
  let owner: Person;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createPerson(t, { roles: ['Consumer'] });
    headers = consoleHeaders(t, await sessionCookieFor(t, owner.username));
  });
  afterAll(async () => {
    await t?.close();
  });

  const machineToken = async (app: RegisteredApp) =>
    (await tokenRequest(t, { grant_type: 'client_credentials' }, basicAuth(app.client_id, app.client_secret!)).expect(200)).body;
  const me = (token: string) => request(t.url).get('/api/me').set('Authorization', bearer(token));

  it('refuses a token carrying a scope the application no longer has (observed before: 200 until it expired)', async () => {
    const app = await registerApp(t, owner.username, { grant_types: ['client_credentials'], scopes: ['read', 'profile'] });
    const wide = await machineToken(app);
    expect(wide.scope).toBe('read profile');
    await me(wide.access_token).expect(200);
    await request(t.url)
      .patch(`/api/apps/${app.client_id}`)
      .set(headers)
      .send({ scopes: ['read'] })
      .expect(200);
    await me(wide.access_token).expect(401);
    const narrow = await machineToken(app);
    expect(narrow.scope).toBe('read');
    await me(narrow.access_token).expect(200);
  });

  it('refuses a token of a grant type the application no longer has', async () => {
    const app = await registerApp(t, owner.username, { grant_types: ['client_credentials', 'authorization_code'], scopes: ['read'] });
    const token = (await machineToken(app)).access_token;
    await request(t.url)
      .patch(`/api/apps/${app.client_id}`)
      .set(headers)
      .send({ grant_types: ['authorization_code'] })
      .expect(200);
    await me(token).expect(401);
  });

  it('keeps the tokens when a change takes nothing away (a new name, a scope added)', async () => {
    const app = await registerApp(t, owner.username, { grant_types: ['client_credentials'], scopes: ['read'] });
    const token = (await machineToken(app)).access_token;
    await request(t.url)
      .patch(`/api/apps/${app.client_id}`)
      .set(headers)
      .send({ name: 'Renamed', scopes: ['read', 'profile'] })
      .expect(200);
    await me(token).expect(200);
  });
});

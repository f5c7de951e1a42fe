import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import {
  basicAuth,
  bearer,
  codeGrantTokens,
  createPerson,
  form,
  loginToken,
  Person,
  registerApp,
  RegisteredApp,
  unique,
} from '../support/flows';

/**
 * R09 (medium). R05 ended what a delegated grant minted (grants, keys, PATs, applications), but not
 * an API user's API token: Mona, an API-user manager, allows an integration app her api-users
 * scopes; with her token the app creates an API user (or takes one within her rights) and issues
 * its API token, then keeps that client secret, and her database access through it, after she
 * withdraws the app. Seen failing on c797e3d (found by a review session): client credentials with
 * that secret still answered 200 after the withdrawal. An API token now records the grant whose
 * token issued it and ends with that grant, like a key or an application.
 */
describe('R09: an API token issued through a delegated grant ends with the grant', () => {
  let t: TestApp;
  let mona: Person;
  let integration: RegisteredApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    const role = unique('Manager ');
    await request(t.url)
      .post('/api/admin/roles')
      .set(admin)
      .send({ name: role, scopes: ['read', 'account', 'api-users:view', 'api-users:create', 'api-users:edit'] })
      .expect(201);
    await request(t.url)
      .post('/api/admin/roles')
      .set(admin)
      .send({ name: 'R09 Reader', scopes: ['read'] })
      .expect(201);
    mona = await createPerson(t, { roles: [role] });
    integration = await registerApp(t, mona.username, { scopes: ['read', 'api-users:view', 'api-users:create', 'api-users:edit'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const clientCredentials = (clientId: string, secret: string) =>
    request(t.url)
      .post('/oauth2/token')
      .set('Authorization', basicAuth(clientId, secret))
      .type('form')
      .send(form({ grant_type: 'client_credentials' }));

  const withdrawIntegration = async () => {
    const headers = consoleHeaders(t, await sessionCookieFor(t, mona.username));
    const grants = await request(t.url).get('/api/grants').set(headers).expect(200);
    const grant = grants.body.find((g: { client_id: string }) => g.client_id === integration.client_id);
    await request(t.url).delete(`/api/grants/${grant.id}`).set(headers).expect(204);
  };

  it("ends the API token the app issued with Mona's grant, and the tokens issued with it; an administrator's new token works", async () => {
    const appToken = (
      await codeGrantTokens(t, integration, await loginToken(t, mona), 'read api-users:view api-users:create api-users:edit')
    ).access_token;
    const created = await request(t.url)
      .post('/api/admin/users')
      .set('Authorization', bearer(appToken))
      .send({ username: unique('svc-'), kind: 'api', roles: ['R09 Reader'], oauth2_enabled: true })
      .expect(201);
    const issued = await request(t.url)
      .post(`/api/admin/users/${created.body.id}/api-token`)
      .set('Authorization', bearer(appToken))
      .expect(201);
    const svcToken = await clientCredentials(issued.body.client_id, issued.body.client_secret).expect(200);

    await withdrawIntegration();

    const refused = await clientCredentials(issued.body.client_id, issued.body.client_secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
    await request(t.url).get('/api/me').set('Authorization', bearer(svcToken.body.access_token)).expect(401);
    const renewed = await request(t.url).post(`/api/admin/users/${created.body.id}/api-token`).set(admin).expect(201);
    await clientCredentials(renewed.body.client_id, renewed.body.client_secret).expect(200);
  });

  it('leaves alone an API token an administrator issued, when Mona withdraws the app', async () => {
    const svc = await request(t.url)
      .post('/api/admin/users')
      .set(admin)
      .send({ username: unique('svc-'), kind: 'api', roles: ['R09 Reader'], oauth2_enabled: true })
      .expect(201);
    const issued = await request(t.url).post(`/api/admin/users/${svc.body.id}/api-token`).set(admin).expect(201);
    await codeGrantTokens(t, integration, await loginToken(t, mona), 'read api-users:view');
    await withdrawIntegration();
    await clientCredentials(issued.body.client_id, issued.body.client_secret).expect(200);
  });
});

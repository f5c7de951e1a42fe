import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, tokenRequest, unique } from '../support/flows';

/**
 * R03 (low). Re-issuing an API user's API token is how a leaked one is replaced: "the previous one
 * stops working at once, and so do the access and refresh tokens issued with it"; switching its
 * OAuth 2.0 off ends the tokens already issued. Both revoke by `client_id` = the API user's
 * CURRENT username, while its tokens carry the username it had when they were issued. Rename the
 * API user first and its leaked access tokens outlive both, for their whole TTL (up to 24 h,
 * `access_token_ttl_minutes`).
 */
describe('R03: renaming an API user does not keep its old tokens out of a revocation', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An API user with OAuth 2.0 on, its API token, and a client_credentials access token ("leaked"). */
  const apiUserWithToken = async () => {
    const username = unique('sync-bot');
    const user = await request(t.url)
      .post('/api/admin/users')
      .set(admin)
      .send({ username, kind: 'api', roles: ['Consumer'], oauth2_enabled: true, access_token_ttl_minutes: 600 })
      .expect(201);
    const issued = await request(t.url).post(`/api/admin/users/${user.body.id}/api-token`).set(admin).expect(201);
    const cc = await tokenRequest(t, { grant_type: 'client_credentials' }, basicAuth(username, issued.body.client_secret)).expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(cc.body.access_token)).expect(200);
    return { id: user.body.id as string, leaked: cc.body.access_token as string };
  };

  it('ends the access tokens issued before a rename when the API token is re-issued', async () => {
    const { id, leaked } = await apiUserWithToken();
    await request(t.url)
      .patch(`/api/admin/users/${id}`)
      .set(admin)
      .send({ username: unique('renamed') })
      .expect(200);
    await request(t.url).post(`/api/admin/users/${id}/api-token`).set(admin).expect(201);
    await request(t.url).get('/api/me').set('Authorization', bearer(leaked)).expect(401);
  });

  it('ends the access tokens issued before a rename when OAuth 2.0 is switched off', async () => {
    const { id, leaked } = await apiUserWithToken();
    await request(t.url)
      .patch(`/api/admin/users/${id}`)
      .set(admin)
      .send({ username: unique('renamed') })
      .expect(200);
    await request(t.url).patch(`/api/admin/users/${id}`).set(admin).send({ oauth2_enabled: false }).expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(leaked)).expect(401);
  });

  it('ends them when the API token is re-issued without a rename (control)', async () => {
    const { id, leaked } = await apiUserWithToken();
    await request(t.url).post(`/api/admin/users/${id}/api-token`).set(admin).expect(201);
    await request(t.url).get('/api/me').set('Authorization', bearer(leaked)).expect(401);
  });
});

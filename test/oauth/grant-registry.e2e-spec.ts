import request from 'supertest';
import { GRANT_TYPES } from '../../src/oauth/grants';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { bearer, loginToken } from '../security/support/flows';

/**
 * Issue 13: the grant types are listed once, by the registered handlers (src/oauth/grants/index.ts);
 * discovery, the applications API and the token endpoint's error all read that list.
 */
describe('the grant types come from the registered handlers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('are the four grants of the contract', () => {
    expect([...GRANT_TYPES].sort()).toEqual(['authorization_code', 'client_credentials', 'password', 'refresh_token']);
  });

  it('are what discovery publishes', async () => {
    const metadata = await request(t.url).get('/.well-known/oauth-authorization-server').expect(200);
    expect(metadata.body.grant_types_supported).toEqual([...GRANT_TYPES]);
  });

  it('are what an application may be registered with, and what the refusal names', async () => {
    const token = await loginToken(t, ADMIN);
    const res = await request(t.url)
      .post('/api/apps')
      .set('Authorization', bearer(token))
      .send({ name: 'x', redirect_uris: [], grant_types: ['implicit'] })
      .expect(400);
    expect(res.body.message).toContain(`each grant type must be one of ${GRANT_TYPES.join(', ')}`);
    for (const grantType of GRANT_TYPES) {
      await request(t.url)
        .post('/api/apps')
        .set('Authorization', bearer(token))
        .send({ name: grantType, redirect_uris: [], grant_types: [grantType] })
        .expect(201);
    }
  });

  it('are what the token endpoint names when it refuses another grant type', async () => {
    const res = await request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send('grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=x')
      .expect(400);
    expect(res.body).toEqual({ error: 'unsupported_grant_type', error_description: expect.stringContaining(GRANT_TYPES.join(', ')) });
  });
});

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, consentedCode, createPerson, redeemCode, registerApp, RegisteredApp } from '../support/flows';

/**
 * A2 (review 2). A person withdraws an application (`DELETE /api/grants/:id`, or "Authorized
 * applications" in her account): its grants are revoked and her consent forgotten. An authorization
 * code the application obtained just before (valid for AUTHORIZATION_CODE_TTL, 600 s) is not: the
 * application redeems it afterwards and gets a brand-new grant, a working access token and a refresh
 * token (absolute lifetime 90 days). R12 closed this for a new password and a disable (user
 * not-before time); a withdrawal of one application has no such check.
 */
describe('A2: an authorization code obtained before the person withdrew the application outlives the withdrawal', () => {
  let t: TestApp;
  let app: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createPerson(t);
    app = await registerApp(t, owner.username, { grant_types: ['authorization_code', 'refresh_token'], scopes: ['read'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the code after the withdrawal', async () => {
    const dana = await createPerson(t);
    const code = await consentedCode(t, dana.username, app, 'read');

    const headers = consoleHeaders(t, await sessionCookieFor(t, dana.username));
    const listed = await request(t.url).get('/api/grants').set(headers).expect(200);
    const entry = listed.body.find((grant: { client_id: string }) => grant.client_id === app.client_id);
    expect(entry).toBeDefined();
    await request(t.url).delete(`/api/grants/${entry.id}`).set(headers).expect(204);

    const res = await redeemCode(t, app, code);
    if (res.status === 200) {
      // What the withdrawn application holds now: a working token and a refresh token of a new grant.
      const me = await request(t.url).get('/api/me').set('Authorization', bearer(res.body.access_token));
      const after = await request(t.url).get('/api/grants').set(headers);
      console.log(
        `A2 observed: code redeemed after withdrawal → 200, /api/me ${me.status}, refresh_token ${Boolean(res.body.refresh_token)}, ` +
          `grants listed again: ${after.body.filter((g: { client_id: string }) => g.client_id === app.client_id).length}`,
      );
    }
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});

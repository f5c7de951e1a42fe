import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import {
  basicAuth,
  consentedCode,
  createPerson,
  Person,
  pkcePair,
  redeemCode,
  REDIRECT_URI,
  registerApp,
  RegisteredApp,
  tokenRequest,
} from '../support/flows';

/**
 * A4 (review 2). An administrator disables a developer (a leaver, or someone caught phishing with
 * an application). DESIGN §10: "from the next request on, its tokens, keys and sessions are
 * refused", and docs/security.md item 10 stops the client-credentials tokens of the person's apps.
 * The application's client secret is a credential that person minted and still holds, but it keeps
 * authenticating at the token endpoint: it redeems codes other people's consents give it, refreshes
 * their grants, and the consent page keeps showing it.
 */
describe("A4: a disabled person's application keeps authenticating and acting for other people", () => {
  let t: TestApp;
  let mallory: Person;
  let app: RegisteredApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    mallory = await createPerson(t);
    app = await registerApp(t, mallory.username, { grant_types: ['authorization_code', 'refresh_token'], scopes: ['read', 'openid'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the application once its owner is disabled', async () => {
    const victim = await createPerson(t);
    const tokens = await redeemCode(t, app, await consentedCode(t, victim.username, app, 'read')).expect(200);
    // Consent is remembered: the next code comes straight back from the signed-in browser.
    const pair = pkcePair();
    const again = await request(t.url)
      .get('/oauth2/authorize')
      .query({
        client_id: app.client_id,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'read',
        code_challenge: pair.challenge,
        code_challenge_method: 'S256',
      })
      .set('Cookie', await sessionCookieFor(t, victim.username))
      .redirects(0)
      .expect(302);
    const second = { code: new URL(again.headers.location).searchParams.get('code')!, verifier: pair.verifier };

    await request(t.url).patch(`/api/admin/users/${mallory.id}`).set(admin).send({ disabled: true }).expect(200);

    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token },
      basicAuth(app.client_id, app.client_secret!),
    );
    const redeemed = await redeemCode(t, app, second);
    const page = await request(t.url)
      .get('/oauth2/authorize')
      .query({
        client_id: app.client_id,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'read openid',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      })
      .set('Cookie', await sessionCookieFor(t, victim.username))
      .redirects(0);
    const observed = { refresh: refreshed.status, code: redeemed.status, authorize: page.status };
    console.log(`A4 observed after disabling the owner: ${JSON.stringify(observed)}`);
    expect(refreshed.status).toBeGreaterThanOrEqual(400);
    expect(redeemed.status).toBeGreaterThanOrEqual(400);
    expect(redeemed.body.access_token).toBeUndefined();
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { createPerson, pkcePair, registerApp, RegisteredApp } from '../support/flows';

const PHISH = 'https://phish.example.net/landing';

/**
 * A1 (review 2). RFC 9700 §4.11.2 ("Authorization Server as Open Redirector"): an attacker
 * registers an application whose redirect URI is its own phishing page, then sends a victim a link
 * to Tessera's authorization endpoint with a deliberately bad request (unknown scope, response_type
 * token, …). "The authorization server MUST always authenticate the user first and, with the
 * exception of the silent authentication use case, prompt the user for credentials when needed,
 * before redirecting the user." Tessera checks the request before it looks at who is signed in and
 * redirects the error at once: a link on Tessera's own origin bounces an anonymous browser to any
 * site some user registered.
 */
describe('A1: error redirects to a registered URI happen before the person is authenticated', () => {
  let t: TestApp;
  let app: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    const mallory = await createPerson(t); // any person may register applications (DESIGN §10)
    app = await registerApp(t, mallory.username, { redirect_uris: [PHISH], grant_types: ['authorization_code'], scopes: ['read'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const anonymous = (query: Record<string, string>) => request(t.url).get('/oauth2/authorize').query(query).redirects(0);
  const offSite = (location: string | undefined) => Boolean(location && location.startsWith(PHISH));

  it.each([
    ['an unknown scope', { response_type: 'code', scope: 'nonexistent' }],
    ['response_type=token', { response_type: 'token' }],
    ['a scope the client may not ask for', { response_type: 'code', scope: 'admin' }],
    ['code_challenge_method without a challenge', { response_type: 'code', code_challenge_method: 'plain' }],
  ])('does not bounce an anonymous browser to the attacker with %s', async (_what, extra) => {
    const res = await anonymous({ client_id: app.client_id, redirect_uri: PHISH, state: 's', ...extra });
    // Observed: 302 Location: https://phish.example.net/landing?error=…&state=s&iss=… (nobody signed in)
    expect({ status: res.status, offSite: offSite(res.headers.location) }).not.toEqual({ status: 302, offSite: true });
  });

  it('still sends the same browser to /login for a well-formed request (control)', async () => {
    const res = await anonymous({
      client_id: app.client_id,
      redirect_uri: PHISH,
      response_type: 'code',
      scope: 'read',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/login\?return_to=/);
  });

  it('does not bounce an anonymous browser from /oauth2/logout to a URI the attacker registered for its own client', async () => {
    const attacker = await createPerson(t);
    const logoutApp = await registerApp(t, attacker.username, { post_logout_redirect_uris: [PHISH] });
    const res = await request(t.url)
      .get('/oauth2/logout')
      .query({ client_id: logoutApp.client_id, post_logout_redirect_uri: PHISH })
      .redirects(0);
    // Observed: 302 to the phishing page, no session, no id_token_hint, no question asked.
    expect({ status: res.status, offSite: offSite(res.headers.location) }).not.toEqual({ status: 302, offSite: true });
  });
});

import request from 'supertest';
import { sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { consentThroughPage, createPerson, Person, pkcePair, REDIRECT_URI, registerApp, RegisteredApp } from '../support/flows';

/**
 * A6 (review 2, low). OIDC Core §3.1.2.1: `prompt` is a space-delimited list. `consent` asks for
 * consent again whatever else is in the list; `none` with any other value is an error. Tessera
 * compares the whole string: `prompt=consent select_account` issues a code silently from the
 * remembered consent, and `prompt=none consent` does too (no error, no interaction check).
 */
describe('A6: prompt values are compared as one string, not as a list', () => {
  let t: TestApp;
  let app: RegisteredApp;
  let dana: Person;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createPerson(t);
    app = await registerApp(t, owner.username, { grant_types: ['authorization_code'], scopes: ['read', 'openid'] });
    dana = await createPerson(t);
    await consentThroughPage(t, dana.username, {
      client_id: app.client_id,
      scope: 'read',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    cookie = await sessionCookieFor(t, dana.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  const authorize = (prompt: string) =>
    request(t.url)
      .get('/oauth2/authorize')
      .query({
        client_id: app.client_id,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'read',
        state: 's',
        prompt,
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      })
      .set('Cookie', cookie)
      .redirects(0);

  it('control: prompt=consent alone shows the consent page again', async () => {
    expect((await authorize('consent')).status).toBe(200);
  });

  it('shows the consent page for prompt="consent select_account"', async () => {
    const res = await authorize('consent select_account');
    console.log(`A6 observed (consent select_account): ${res.status} ${res.headers.location ?? ''}`);
    expect(res.status).toBe(200);
  });

  it('answers prompt="none consent" with an error, not a code', async () => {
    const res = await authorize('none consent');
    console.log(`A6 observed (none consent): ${res.status} ${res.headers.location ?? ''}`);
    const params = res.headers.location ? new URL(res.headers.location).searchParams : null;
    expect(params?.get('code') ?? null).toBeNull();
  });
});

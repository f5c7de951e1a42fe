import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { codeGrantTokens, createPerson, decodeJwtPart, formsOf, loginToken, Person, registerApp, RegisteredApp } from '../support/flows';

const BYE = 'https://rp.example.com/bye';

/**
 * `GET /oauth2/logout` (OpenID Connect RP-Initiated Logout 1.0 §2, §3) signs out only after the
 * person confirms on a page, unless a valid `id_token_hint` issued by Tessera names the session's
 * user. Seen failing on f03f4d3: any page could sign a person out with `<img src=/oauth2/logout>`
 * (302 to the client, session gone), with no hint or another person's hint.
 */
describe('RP-initiated logout asks first', () => {
  let t: TestApp;
  let app: RegisteredApp;
  let ann: Person;
  let annIdToken: string;
  let bobIdToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    ann = await createPerson(t);
    const bob = await createPerson(t);
    app = await registerApp(t, ann.username, { post_logout_redirect_uris: [BYE], scopes: ['openid', 'read'] });
    annIdToken = (await codeGrantTokens(t, app, await loginToken(t, ann), 'openid read')).id_token!;
    bobIdToken = (await codeGrantTokens(t, app, await loginToken(t, bob), 'openid read')).id_token!;
  });
  afterAll(async () => {
    await t?.close();
  });

  const logout = (cookie: string, query: Record<string, string>) =>
    request(t.url).get('/oauth2/logout').set('Cookie', cookie).query(query).redirects(0);
  const signedIn = async (cookie: string) => (await request(t.url).get('/api/me').set(consoleHeaders(t, cookie))).status === 200;

  it.each([
    ['no id_token_hint', () => ({})],
    ["another person's id_token_hint", () => ({ id_token_hint: bobIdToken })],
    ['a tampered id_token_hint', () => ({ id_token_hint: tampered(annIdToken) })],
  ])('shows a confirmation page and keeps the session with %s', async (_what, hint) => {
    const cookie = await sessionCookieFor(t, ann.username);
    const res = await logout(cookie, { client_id: app.client_id, post_logout_redirect_uri: BYE, state: 'k', ...hint() });
    expect(res.status).toBe(200);
    const form = formsOf(res.text).find((f) => f.action === '/oauth2/logout' && f.method === 'post');
    expect(form?.fields).toMatchObject({ client_id: app.client_id, post_logout_redirect_uri: BYE, state: 'k', _csrf: expect.any(String) });
    expect(await signedIn(cookie)).toBe(true);
  });

  it('signs out and returns to the client once the person confirms', async () => {
    const cookie = await sessionCookieFor(t, ann.username);
    const page = await logout(cookie, { client_id: app.client_id, post_logout_redirect_uri: BYE, state: 'k' });
    const form = formsOf(page.text).find((f) => f.action === '/oauth2/logout')!;
    const res = await request(t.url)
      .post('/oauth2/logout')
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .type('form')
      .send(new URLSearchParams(form.fields).toString())
      .redirects(0);
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 302, location: `${BYE}?state=k` });
    expect(await signedIn(cookie)).toBe(false);
  });

  it('refuses a confirmation without the CSRF token or from another origin', async () => {
    const cookie = await sessionCookieFor(t, ann.username);
    const page = await logout(cookie, { client_id: app.client_id, post_logout_redirect_uri: BYE });
    const { _csrf: token, ...fields } = formsOf(page.text).find((f) => f.action === '/oauth2/logout')!.fields;
    await request(t.url)
      .post('/oauth2/logout')
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .type('form')
      .send(new URLSearchParams(fields).toString())
      .expect(403);
    await request(t.url)
      .post('/oauth2/logout')
      .set('Cookie', cookie)
      .set('Origin', 'http://127.0.0.1:1')
      .type('form')
      .send(new URLSearchParams({ ...fields, _csrf: token }).toString())
      .expect(403);
    expect(await signedIn(cookie)).toBe(true);
  });

  it("signs out at once when a valid id_token_hint names the session's user", async () => {
    const cookie = await sessionCookieFor(t, ann.username);
    const res = await logout(cookie, { id_token_hint: annIdToken, post_logout_redirect_uri: BYE, state: 's' });
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 302, location: `${BYE}?state=s` });
    expect(await signedIn(cookie)).toBe(false);
  });

  it('keeps the post_logout_redirect_uri check: an unregistered one is never followed', async () => {
    const cookie = await sessionCookieFor(t, ann.username);
    const res = await logout(cookie, { id_token_hint: annIdToken, post_logout_redirect_uri: 'https://evil.example/' });
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 400, location: undefined });
  });
});

function tampered(token: string): string {
  const [header, , signature] = token.split('.');
  const payload = { ...decodeJwtPart(token, 1), sub: 'someone-else' };
  return [header, Buffer.from(JSON.stringify(payload)).toString('base64url'), signature].join('.');
}

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { codeGrantTokens, createPerson, loginToken, Person, registerApp, RegisteredApp } from '../support/flows';

const BYE_A = 'https://rp-a.example.com/bye';
const BYE_B = 'https://rp-b.example.net/bye';

/**
 * A7 (review 2, low). OpenID Connect RP-Initiated Logout 1.0 §2: `id_token_hint` is an ID Token
 * the OP issued, and "when both client_id and id_token_hint are present, the OP MUST verify that
 * the Client Identifier matches the one used when issuing the ID Token". Tessera's
 * `IdTokensService.readHint` takes any JWT it signed (an access token, `typ: at+jwt`, `aud` =
 * ISSUER, included) and the logout takes `client_id` over the hint's `aud` without comparing them.
 * So a person's access token (which every resource server and client she uses sees) or an ID token
 * of application A logs her out without asking and sends her to application B's registered page.
 */
describe('A7: the logout hint is not checked to be an ID token of the client named', () => {
  let t: TestApp;
  let ann: Person;
  let appA: RegisteredApp;
  let appB: RegisteredApp;
  let annIdTokenForA: string;

  beforeAll(async () => {
    t = await startTestApp();
    ann = await createPerson(t);
    const other = await createPerson(t);
    appA = await registerApp(t, ann.username, { post_logout_redirect_uris: [BYE_A], scopes: ['openid', 'read'] });
    appB = await registerApp(t, other.username, { post_logout_redirect_uris: [BYE_B], scopes: ['openid', 'read'] });
    annIdTokenForA = (await codeGrantTokens(t, appA, await loginToken(t, ann), 'openid read')).id_token!;
  });
  afterAll(async () => {
    await t?.close();
  });

  const logout = (cookie: string, query: Record<string, string>) =>
    request(t.url).get('/oauth2/logout').set('Cookie', cookie).query(query).redirects(0);
  const signedIn = async (cookie: string) => (await request(t.url).get('/api/me').set(consoleHeaders(t, cookie))).status === 200;

  it('asks first when the hint is an access token, not an ID token', async () => {
    const cookie = await sessionCookieFor(t, ann.username);
    const accessToken = await loginToken(t, ann);
    const res = await logout(cookie, { id_token_hint: accessToken });
    console.log(
      `A7 observed (access token as hint): ${res.status} ${res.headers.location ?? ''}, signed in after: ${await signedIn(cookie)}`,
    );
    expect(res.status).toBe(200);
    expect(await signedIn(cookie)).toBe(true);
  });

  it("does not follow client B's URI on an ID token issued to client A", async () => {
    const cookie = await sessionCookieFor(t, ann.username);
    const res = await logout(cookie, { id_token_hint: annIdTokenForA, client_id: appB.client_id, post_logout_redirect_uri: BYE_B });
    console.log(`A7 observed (A's hint, B's client_id): ${res.status} ${res.headers.location ?? ''}`);
    expect(res.headers.location ?? '').not.toMatch(/^https:\/\/rp-b\.example\.net\//);
  });
});

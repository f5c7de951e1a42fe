import request from 'supertest';
import { sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, createPerson, form, loginToken, Person, pkcePair, REDIRECT_URI, registerApp, RegisteredApp } from '../support/flows';

/**
 * F14. RFC 6749 §3.1: request parameters must not be included more than once. The authorization
 * endpoint dropped a repeated parameter silently. Seen failing on 027ade0: `code_challenge` sent
 * twice was dropped and a confidential client got a code without PKCE (302 with `code=`); a
 * repeated `state` was dropped and the code issued; `state` in both the query and the form body
 * was merged; `response_mode=fragment` was ignored and the code sent in the query. Now each is
 * `invalid_request`: an error page when the client or redirect URI cannot be trusted, else a
 * redirect with the error.
 */
describe('F14: a repeated authorization parameter or another response_mode is invalid_request', () => {
  let t: TestApp;
  let app: RegisteredApp;
  let person: Person;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    person = await createPerson(t);
    app = await registerApp(t, (await createPerson(t)).username);
    token = await loginToken(t, person);
  });
  afterAll(async () => {
    await t?.close();
  });

  const base = () => `response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&scope=read`;
  const authorize = (query: string) => request(t.url).get(`/oauth2/authorize?${query}`).set('Authorization', bearer(token)).redirects(0);

  function expectRedirectedError(res: request.Response, state: string | null): void {
    expect(res.status).toBe(302);
    const location = new URL(res.headers.location);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('code')).toBeNull();
    expect(location.searchParams.get('state')).toBe(state);
  }

  it('redirects invalid_request for a repeated code_challenge instead of issuing a code without PKCE', async () => {
    const { challenge } = pkcePair();
    const twice = `code_challenge=${challenge}&code_challenge=${pkcePair().challenge}&code_challenge_method=S256&code_challenge_method=S256`;
    expectRedirectedError(await authorize(`${base()}&state=s1&${twice}`), 's1');
  });

  it('redirects invalid_request, without a state, for a repeated state', async () => {
    expectRedirectedError(await authorize(`${base()}&state=one&state=two`), null);
  });

  it('redirects invalid_request for any other repeated parameter, and for a parameter in both the query and the body', async () => {
    expectRedirectedError(await authorize(`${base()}&state=s2&scope=openid`), 's2');
    const posted = await request(t.url)
      .post(`/oauth2/authorize?${base()}&state=s3`)
      .set('Authorization', bearer(token))
      .type('form')
      .send(form({ state: 's4' }))
      .redirects(0);
    expectRedirectedError(posted, null);
  });

  it('shows an error page, never a redirect, for a repeated client_id or redirect_uri', async () => {
    for (const query of [
      `${base()}&client_id=${app.client_id}`,
      `${base()}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
    ]) {
      const res = await authorize(query);
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/more than once/);
    }
  });

  it('redirects invalid_request for a response_mode other than query, on the Bearer and the browser path', async () => {
    expectRedirectedError(await authorize(`${base()}&state=s5&response_mode=fragment`), 's5');
    expectRedirectedError(await authorize(`${base()}&state=s6&response_mode=form_post`), 's6');
    const { challenge } = pkcePair();
    const browser = await request(t.url)
      .get(`/oauth2/authorize?${base()}&state=s7&response_mode=fragment&code_challenge=${challenge}&code_challenge_method=S256`)
      .set('Cookie', await sessionCookieFor(t, person.username))
      .redirects(0);
    expectRedirectedError(browser, 's7');
    const query = await authorize(`${base()}&state=s8&response_mode=query`);
    expect(new URL(query.headers.location).searchParams.get('code')).toEqual(expect.any(String));
  });
});

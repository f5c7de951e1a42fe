import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import {
  authorizeRequest,
  basicAuth,
  bearer,
  codeGrantTokens,
  cookiesFrom,
  createPerson,
  formsOf,
  loginToken,
  Person,
  pkcePair,
  registerApp,
  RegisteredApp,
  REDIRECT_URI,
  tokenRequest,
} from './support/flows';

/**
 * Further hardening beyond the fourteen items of the security suite (docs/security.md, second
 * table): tokens stay with the client they were issued to, responses are not cached, pages
 * cannot be framed, lifetimes are bounded, logout never redirects to an unregistered URI.
 */
describe('OAuth hardening', () => {
  let t: TestApp;
  let alice: Person;
  let aliceToken: string;
  let app: RegisteredApp;
  let other: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await createPerson(t);
    aliceToken = await loginToken(t, alice);
    app = await registerApp(t, alice.username);
    other = await registerApp(t, alice.username);
  });
  afterAll(async () => {
    await t.close();
  });

  const appAuth = (client: RegisteredApp) => basicAuth(client.client_id, client.client_secret!);

  it("does not let one client refresh or revoke another client's tokens", async () => {
    const tokens = await codeGrantTokens(t, app, aliceToken);
    const stolen = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, appAuth(other));
    expect({ status: stolen.status, error: stolen.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    // RFC 7009 §2.1: the server checks the token was issued to the client asking; a foreign token is ignored (200) but stays valid.
    await request(t.url).post('/oauth2/revoke').set('Authorization', appAuth(other)).type('form').send({ token: tokens.access_token });
    await request(t.url).post('/oauth2/revoke').set('Authorization', appAuth(other)).type('form').send({ token: tokens.refresh_token });
    await request(t.url).get('/api/me').set('Authorization', bearer(tokens.access_token)).expect(200);
    await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, appAuth(app)).expect(200);
  });

  it('answers a wrong client secret with 401 invalid_client and a WWW-Authenticate challenge', async () => {
    const res = await tokenRequest(t, { grant_type: 'client_credentials' }, basicAuth(app.client_id, 'not-the-secret'));
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 401, error: 'invalid_client' });
    expect(res.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('marks token responses and token errors as not cacheable (RFC 6749 §5.1)', async () => {
    const ok = await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read' }, appAuth(app)).expect(200);
    expect(ok.headers['cache-control']).toContain('no-store');
    const refused = await tokenRequest(t, { grant_type: 'client_credentials', scope: 'nonsense' }, appAuth(app));
    expect(refused.headers['cache-control']).toContain('no-store');
  });

  it('refuses the implicit and hybrid response types (RFC 9700 §2.1.2)', async () => {
    for (const responseType of ['token', 'id_token token', 'code token']) {
      const query = new URLSearchParams({
        response_type: responseType,
        client_id: app.client_id,
        redirect_uri: REDIRECT_URI,
        scope: 'read',
        state: 's',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      });
      const res = await request(t.url).get(`/oauth2/authorize?${query}`).set('Authorization', bearer(aliceToken)).redirects(0);
      const location = res.headers.location ? new URL(res.headers.location) : null;
      expect({
        responseType,
        tokenInRedirect: Boolean(location?.hash.includes('access_token') || location?.searchParams.has('access_token')),
      }).toEqual({ responseType, tokenInRedirect: false });
      if (res.status === 302)
        expect({ responseType, error: location!.searchParams.get('error') }).toEqual({ responseType, error: 'unsupported_response_type' });
      else expect({ responseType, status: res.status }).toEqual({ responseType, status: 400 });
    }
  });

  it('forbids framing the login and consent pages (clickjacking, RFC 9700 §4.16)', async () => {
    const login = await request(t.url).get('/login').expect(200);
    const { challenge } = pkcePair();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: REDIRECT_URI,
      scope: 'read',
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const stranger = await createPerson(t);
    const consent = await request(t.url)
      .get(`/oauth2/authorize?${query}`)
      .set('Cookie', await sessionCookieFor(t, stranger.username))
      .expect(200);
    for (const res of [login, consent]) {
      // ASVS V3.4.6: CSP frame-ancestors (X-Frame-Options alone is obsolete).
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('keeps authorization codes to at most 10 minutes and gives refresh tokens an absolute expiry (ASVS V10.4.3, V10.4.8)', async () => {
    const { challenge } = pkcePair();
    await authorizeRequest(t, aliceToken, {
      client_id: app.client_id,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).expect(302);
    const codes = (await t.dataSource.query('SELECT created_at, expires_at FROM authorization_codes')) as {
      created_at: string | Date;
      expires_at: string | Date;
    }[];
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes)
      expect(new Date(code.expires_at).getTime() - new Date(code.created_at).getTime()).toBeLessThanOrEqual(600_000);
    await codeGrantTokens(t, app, aliceToken);
    const refresh = (await t.dataSource.query('SELECT created_at, expires_at, idle_expires_at FROM refresh_tokens')) as {
      created_at: string | Date;
      expires_at: string | Date;
      idle_expires_at: string | Date;
    }[];
    for (const row of refresh) {
      expect(row.expires_at).not.toBeNull();
      expect(new Date(row.idle_expires_at).getTime()).toBeLessThanOrEqual(new Date(row.expires_at).getTime());
    }
  });

  it('starts a fresh HttpOnly, SameSite session on sign-in, whatever session cookie the browser brought (no fixation)', async () => {
    const planted = 'tessera_session=attacker-chosen-session-id-0000000000000000';
    const page = await request(t.url).get('/login').set('Cookie', planted).expect(200);
    const form = formsOf(page.text).find((f) => f.method === 'post' && 'password' in f.fields)!;
    const cookie = [planted, cookiesFrom(page.headers['set-cookie'])].join('; ');
    const res = await request(t.url)
      .post(new URL(form.action || '/login', `${t.url}/login`).pathname)
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .type('form')
      .send(new URLSearchParams({ ...form.fields, username: alice.username, password: alice.password }).toString())
      .redirects(0);
    expect([302, 303]).toContain(res.status);
    const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('tessera_session='))!;
    expect(session).toBeDefined();
    expect(session).not.toContain('attacker-chosen');
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=(Lax|Strict)/i);
    await request(t.url).get('/api/me').set(consoleHeaders(t, planted)).expect(401);
  });

  it('never redirects after logout to a URI the client did not register', async () => {
    for (const target of ['https://evil.example/', REDIRECT_URI, '//evil.example']) {
      const query = new URLSearchParams({ client_id: app.client_id, post_logout_redirect_uri: target });
      const res = await request(t.url).get(`/oauth2/logout?${query}`).redirects(0);
      const location = res.headers.location as string | undefined;
      if (location) expect({ target, origin: new URL(location, t.url).origin }).toEqual({ target, origin: t.url });
    }
  });
});

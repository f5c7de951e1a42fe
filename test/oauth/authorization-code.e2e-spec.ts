import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { App, basic, createPerson, decodeJwt, form, locationParams, pkcePair, registerApp } from './oauth-fixtures';

const CALLBACK = 'https://client.example.com/callback';

describe('authorization code grant', () => {
  let t: TestApp;
  let dev: { id: string; cookie: string };
  let reader: { id: string; cookie: string; password: string };
  let confidential: App;
  let publicApp: App;
  beforeAll(async () => {
    t = await startTestApp();
    dev = await createPerson(t, 'devon', { roles: ['Administrator'] });
    reader = await createPerson(t, 'rita');
    confidential = await registerApp(t, dev.cookie, {
      name: 'Planner',
      description: 'Plans rooms',
      redirect_uris: [CALLBACK, 'https://client.example.com/cb?foo=bar'],
    });
    publicApp = await registerApp(t, dev.cookie, { name: 'Mobile', confidential: false, redirect_uris: [CALLBACK] });
  });
  afterAll(async () => {
    await t.close();
  });

  const authorize = (query: Record<string, string>, cookie = reader.cookie) =>
    request(t.url).get('/oauth2/authorize').query(query).set('Cookie', cookie);

  /** Walks login (session) → consent → Allow and returns the code. */
  async function codeFor(app: App, extra: Record<string, string> = {}): Promise<string> {
    return locationParams(await locationFor(app, extra)).get('code')!;
  }

  async function locationFor(app: App, extra: Record<string, string> = {}): Promise<string> {
    const query = { response_type: 'code', client_id: app.client_id, redirect_uri: CALLBACK, state: 's1', ...extra };
    const page = await authorize(query);
    if (page.status === 302) return page.headers.location;
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const hidden = Object.fromEntries(
      [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]),
    );
    const allowed = await request(t.url)
      .post('/consent')
      .type('form')
      .set('Cookie', reader.cookie)
      .set('Origin', t.url)
      .send({ ...hidden, _csrf: csrf, decision: 'allow' })
      .expect(302);
    expect(locationParams(allowed.headers.location).get('state')).toBe(query.state);
    return allowed.headers.location;
  }

  it('sends a browser without a session to /login with the authorization request to come back to', async () => {
    const query = { response_type: 'code', client_id: confidential.client_id, redirect_uri: CALLBACK, state: 'abc' };
    const res = await request(t.url).get('/oauth2/authorize').query(query).expect(302);
    const location = new URL(res.headers.location, t.url);
    expect(location.pathname).toBe('/login');
    const back = new URL(location.searchParams.get('return_to')!, t.url);
    expect(back.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(back.searchParams)).toEqual(query);
  });

  it('shows a consent page naming the application and each scope, then exchanges the code', async () => {
    const page = await authorize({
      response_type: 'code',
      client_id: confidential.client_id,
      redirect_uri: CALLBACK,
      scope: 'read,openid',
    }).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Planner');
    expect(page.text).toContain('Plans rooms');
    expect(page.text).toContain('Read building data');
    const code = await codeFor(confidential, { scope: 'read openid', nonce: 'n-0S6' });
    const res = await form(
      t,
      '/oauth2/token',
      { grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
      basic(confidential.client_id, confidential.client_secret!),
    ).expect(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read openid',
      refresh_token: expect.stringMatching(/^trt_/),
    });
    const idToken = decodeJwt(res.body.id_token);
    expect(idToken.header.alg).toBe('ES256');
    expect(idToken.payload).toMatchObject({ iss: t.url, aud: confidential.client_id, sub: reader.id, nonce: 'n-0S6' });
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'rita', credential: 'user', scopes: ['read', 'openid'] });
  });

  it('skips the consent page once consent was given, and lists and revokes it under /api/grants', async () => {
    await codeFor(confidential, { scope: 'read' });
    const again = await authorize({
      response_type: 'code',
      client_id: confidential.client_id,
      redirect_uri: CALLBACK,
      scope: 'read',
    }).expect(302);
    expect(locationParams(again.headers.location).get('code')).toBeTruthy();
    const grants = await request(t.url).get('/api/grants').set(consoleHeaders(t, reader.cookie)).expect(200);
    const entry = grants.body.find((g: { client_id: string }) => g.client_id === confidential.client_id);
    expect(entry).toMatchObject({
      id: expect.any(String),
      client_name: 'Planner',
      scopes: expect.arrayContaining(['read']),
      created_at: expect.any(String),
    });
    const code = locationParams(again.headers.location).get('code')!;
    const tokens = await form(
      t,
      '/oauth2/token',
      { grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
      basic(confidential.client_id, confidential.client_secret!),
    ).expect(200);
    await request(t.url).delete(`/api/grants/${entry.id}`).set(consoleHeaders(t, reader.cookie)).expect(204);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${tokens.body.access_token}`).expect(401);
    const refreshed = await form(
      t,
      '/oauth2/token',
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token },
      basic(confidential.client_id, confidential.client_secret!),
    ).expect(400);
    expect(refreshed.body.error).toBe('invalid_grant');
    expect(
      (await authorize({ response_type: 'code', client_id: confidential.client_id, redirect_uri: CALLBACK, scope: 'read' })).status,
    ).toBe(200);
  });

  it('redirects Deny with error=access_denied and the state', async () => {
    const page = await authorize({
      response_type: 'code',
      client_id: publicApp.client_id,
      redirect_uri: CALLBACK,
      state: 'xyz',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    }).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const hidden = Object.fromEntries(
      [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    const denied = await request(t.url)
      .post('/consent')
      .type('form')
      .set('Cookie', reader.cookie)
      .set('Origin', t.url)
      .send({ ...hidden, _csrf: csrf, decision: 'deny' })
      .expect(302);
    expect(denied.headers.location).toMatch(/^https:\/\/client\.example\.com\/callback\?error=access_denied&/);
    expect(locationParams(denied.headers.location).get('state')).toBe('xyz');
  });

  it('refuses a consent form without the CSRF token', async () => {
    const res = await request(t.url)
      .post('/consent')
      .type('form')
      .set('Cookie', reader.cookie)
      .set('Origin', t.url)
      .send({ client_id: confidential.client_id, redirect_uri: CALLBACK, response_type: 'code', decision: 'allow' })
      .expect(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it.each([
    ['an unknown client', { client_id: 'nope', redirect_uri: CALLBACK }],
    ['an unregistered redirect URI', { redirect_uri: 'https://evil.example.com/callback' }],
    ['a redirect URI differing only in case', { redirect_uri: 'https://client.example.com/Callback' }],
    ['a redirect URI with an extra path', { redirect_uri: `${CALLBACK}/x` }],
    ['a registered redirect URI without its query', { redirect_uri: 'https://client.example.com/cb' }],
    ['no redirect URI', { redirect_uri: '' }],
  ])('shows an error page, never a redirect, for %s', async (_case, overrides) => {
    const query = Object.fromEntries(
      Object.entries({ response_type: 'code', client_id: confidential.client_id, ...overrides }).filter(([, v]) => v),
    );
    const res = await authorize(query).expect(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it("keeps the redirect URI's own query when adding the code", async () => {
    const location = await locationFor(confidential, { redirect_uri: 'https://client.example.com/cb?foo=bar', scope: 'read', state: 'st' });
    expect(location).toMatch(/^https:\/\/client\.example\.com\/cb\?foo=bar&code=[A-Za-z0-9_-]{43}&state=st&iss=/);
    expect(locationParams(location).get('iss')).toBe(t.url);
  });

  describe('PKCE', () => {
    it('is required for public clients, and plain is refused', async () => {
      const missing = await authorize({ response_type: 'code', client_id: publicApp.client_id, redirect_uri: CALLBACK, state: 'q' }).expect(
        302,
      );
      expect(Object.fromEntries(locationParams(missing.headers.location))).toMatchObject({ error: 'invalid_request', state: 'q' });
      const plain = await authorize({
        response_type: 'code',
        client_id: publicApp.client_id,
        redirect_uri: CALLBACK,
        code_challenge: 'a'.repeat(43),
        code_challenge_method: 'plain',
      }).expect(302);
      expect(locationParams(plain.headers.location).get('error_description')).toMatch(/S256/);
    });

    it("exchanges a public client's code with the right verifier, without a refresh token", async () => {
      const { verifier, challenge } = pkcePair();
      const code = await codeFor(publicApp, { code_challenge: challenge, code_challenge_method: 'S256' });
      const res = await form(t, '/oauth2/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK,
        client_id: publicApp.client_id,
        code_verifier: verifier,
      }).expect(200);
      expect(res.body.refresh_token).toBeUndefined();
    });

    it('refuses a wrong or missing verifier, and a verifier for a code issued without a challenge', async () => {
      const { challenge } = pkcePair();
      const code = await codeFor(publicApp, { code_challenge: challenge, code_challenge_method: 'S256' });
      const wrong = await form(t, '/oauth2/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK,
        client_id: publicApp.client_id,
        code_verifier: pkcePair().verifier,
      }).expect(400);
      expect(wrong.body).toEqual({ error: 'invalid_grant', error_description: 'The code_verifier does not match the code_challenge' });
      const none = await form(t, '/oauth2/token', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK,
        client_id: publicApp.client_id,
      }).expect(400);
      expect(none.body.error).toBe('invalid_grant');
      const plainCode = await codeFor(confidential, { scope: 'read' });
      const downgrade = await form(
        t,
        '/oauth2/token',
        { grant_type: 'authorization_code', code: plainCode, redirect_uri: CALLBACK, code_verifier: pkcePair().verifier },
        basic(confidential.client_id, confidential.client_secret!),
      ).expect(400);
      expect(downgrade.body.error).toBe('invalid_grant');
    });
  });

  it('refuses a wrong redirect URI, another client, and an expired code', async () => {
    const auth = basic(confidential.client_id, confidential.client_secret!);
    const code = await codeFor(confidential, { scope: 'read' });
    expect(
      (
        await form(
          t,
          '/oauth2/token',
          { grant_type: 'authorization_code', code, redirect_uri: 'https://client.example.com/cb?foo=bar' },
          auth,
        ).expect(400)
      ).body.error,
    ).toBe('invalid_grant');
    const other = await registerApp(t, dev.cookie, { name: 'Other', redirect_uris: [CALLBACK] });
    expect(
      (
        await form(
          t,
          '/oauth2/token',
          { grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
          basic(other.client_id, other.client_secret!),
        ).expect(400)
      ).body.error,
    ).toBe('invalid_grant');
    await t.dataSource
      .getRepository('authorization_codes')
      .createQueryBuilder()
      .update()
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .execute();
    const expired = await form(t, '/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(400);
    expect(expired.body).toEqual({ error: 'invalid_grant', error_description: 'The authorization code has expired' });
  });

  it('refuses a code used twice and revokes what its first use issued', async () => {
    const auth = basic(confidential.client_id, confidential.client_secret!);
    const code = await codeFor(confidential, { scope: 'read' });
    const first = await form(t, '/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${first.body.access_token}`).expect(200);
    const second = await form(t, '/oauth2/token', { grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(400);
    expect(second.body.error).toBe('invalid_grant');
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${first.body.access_token}`).expect(401);
    expect(
      (await form(t, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: first.body.refresh_token }, auth).expect(400)).body
        .error,
    ).toBe('invalid_grant');
  });

  it("gives a code at once to a caller with a person's Bearer token (DAS style)", async () => {
    const login = await form(
      t,
      '/oauth2/token',
      { grant_type: 'client_credentials', scope: 'read' },
      basic(confidential.client_id, confidential.client_secret!),
    ).expect(200);
    const asClient = await request(t.url)
      .get('/oauth2/authorize')
      .query({ response_type: 'code', client_id: confidential.client_id, redirect_uri: CALLBACK })
      .set('Authorization', `Bearer ${login.body.access_token}`)
      .expect(401);
    expect(asClient.body.error).toBe('invalid_token');
    const bad = await request(t.url)
      .get('/oauth2/authorize')
      .query({ response_type: 'code', client_id: confidential.client_id, redirect_uri: CALLBACK })
      .set('Authorization', 'Bearer not-a-token')
      .expect(401);
    expect(bad.headers['www-authenticate']).toContain('invalid_token');
  });
});

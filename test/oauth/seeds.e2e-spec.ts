import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { PasswordHasher } from '../../src/users/password.hasher';
import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { App, basic, createPerson, decodeJwt, form, locationParams, pkcePair, registerApp } from './oauth-fixtures';

/** Reads the consent page and posts the person's decision, as a browser would. */
async function decide(t: TestApp, page: request.Response, cookie: string, decision: 'allow' | 'deny'): Promise<string> {
  const fields = Object.fromEntries(
    [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]),
  );
  const res = await request(t.url)
    .post('/consent')
    .type('form')
    .set('Cookie', cookie)
    .set('Origin', t.url)
    .send({ ...fields, decision })
    .expect(302);
  return res.headers.location;
}

describe('DAS: password grant, Bearer authorization request, refresh, revoke_token', () => {
  let t: TestApp;
  let das: App;
  beforeAll(async () => {
    // DAS's example redirect URI is plain http on a public host: a deployment allows that explicitly (F13).
    t = await startTestApp({ ALLOW_HTTP_REDIRECT_URIS: 'true' });
    const admin = await createPerson(t, 'das-admin', { roles: ['Administrator'] });
    // DAS's documentation signs in as billybob / foobar. The password policy (issue 11, F16) no longer lets
    // anyone set `foobar`, but an account from before it keeps signing in: write its hash as such an account has.
    await t.app.get(UsersService).create({ username: 'billybob', password: 'billybob-old-password', roles: ['Consumer'] });
    await t.dataSource.query('UPDATE users SET password_hash = ? WHERE username = ?', [
      await t.app.get(PasswordHasher).hash('foobar'),
      'billybob',
    ]);
    das = await registerApp(t, admin.cookie, {
      name: 'DAS',
      confidential: false,
      grant_types: ['authorization_code', 'password', 'refresh_token'],
      redirect_uris: ['http://tempuri.org/callback?foo=bar'],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('walks the examples as written', async () => {
    const login = await request(t.url)
      .post('/oauth2/token/')
      .set('Accept', 'application/json')
      .type('form')
      .send(`grant_type=password&username=billybob&password=foobar&client_id=${das.client_id}`)
      .expect(200);
    expect(login.headers['content-type']).toMatch(/application\/json/);
    expect(login.body).toMatchObject({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
    });

    const authorized = await request(t.url)
      .get(`/oauth2/authorize/?response_type=code&client_id=${das.client_id}&redirect_uri=http://tempuri.org/callback?foo=bar`)
      .set('Authorization', `Bearer ${login.body.access_token}`)
      .expect(302);
    expect(authorized.headers.location).toMatch(/^http:\/\/tempuri\.org\/callback\?foo=bar&code=[A-Za-z0-9_-]{43}&iss=/);
    expect(locationParams(authorized.headers.location).get('iss')).toBe(t.url);

    const refreshed = await request(t.url)
      .post('/oauth2/token/')
      .set('Accept', 'application/json')
      .type('form')
      .send(`grant_type=refresh_token&refresh_token=${login.body.refresh_token}&client_id=${das.client_id}&client_secret=`)
      .expect(200);
    expect(refreshed.body).toMatchObject({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
    });

    await request(t.url)
      .post('/oauth2/revoke_token/')
      .set('Accept', 'application/json')
      .type('form')
      .send(`token=${refreshed.body.refresh_token}&client_id=${das.client_id}`)
      .expect(200);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${refreshed.body.access_token}`).expect(401);
  });
});

describe('d.vinci: API user with OAuth 2.0, client credentials in the form body', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('issues a token for the TTL in minutes and the token calls the API', async () => {
    const users = t.app.get(UsersService);
    const apiUser = await users.create({
      username: 'jobboard',
      kind: 'api',
      roles: ['Consumer'],
      databaseAccess: { '01': 'read' },
      oauth2Enabled: true,
      accessTokenTtlMinutes: 30,
    });
    const apiToken = await users.issueApiToken(apiUser.id);
    const res = await request(t.url)
      .post('/oauth2/token')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`grant_type=client_credentials&client_id=jobboard&client_secret=${encodeURIComponent(apiToken)}`)
      .expect(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
    const me = await request(t.url)
      .get('/api/me')
      .set('Authorization', `Bearer ${res.body.access_token}`)
      .set('Content-Type', 'application/json')
      .expect(200);
    expect(me.body).toMatchObject({ username: 'jobboard', kind: 'api' });

    // Then the REST and OData calls with the same Bearer token (the data the API user may see).
    const bearer = `Bearer ${res.body.access_token}`;
    const rooms = await request(t.url).get('/api/database/01/rooms?$top=2').set('Authorization', bearer).expect(200);
    expect(rooms.body).toHaveLength(2);
    expect(rooms.headers.link).toContain('rel="next"');
    const feed = await request(t.url).get('/odata/01/rooms?$top=2&$select=number').set('Authorization', bearer).expect(200);
    expect(feed.body.value).toEqual([
      { id: rooms.body[0].id, number: rooms.body[0].number },
      { id: rooms.body[1].id, number: rooms.body[1].number },
    ]);
    await request(t.url).get('/api/database/02/rooms').set('Authorization', bearer).expect(404);
  });
});

describe('netrex: application, /oauth2/auth with comma scopes, consent, query credentials, revoke', () => {
  let t: TestApp;
  let owner: { id: string; cookie: string };
  let partial: { id: string; cookie: string };
  let app: App;
  const CALLBACK = 'https://integration.example.com/oauth/callback';
  beforeAll(async () => {
    t = await startTestApp({ APPS_REQUIRE_FULL_ACCESS: 'true', OAUTH_ALLOW_QUERY_CREDENTIALS: 'true' });
    owner = await createPerson(t, 'owner', { fullAccess: true, roles: ['Administrator'] });
    partial = await createPerson(t, 'guest', { roles: ['Administrator'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets only full-access accounts create the application', async () => {
    await request(t.url)
      .post('/api/apps')
      .set(consoleHeaders(t, partial.cookie))
      .send({ name: 'Nope', redirect_uris: [CALLBACK] })
      .expect(403);
    app = await registerApp(t, owner.cookie, { name: 'My application', description: 'Camera sync', redirect_uris: [CALLBACK] });
    expect(app).toMatchObject({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      name: 'My application',
      description: 'Camera sync',
      redirect_uris: [CALLBACK],
    });
  });

  it('walks login, consent and the code exchange with credentials in the query', async () => {
    const authUrl = `/oauth2/auth/?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=read,write&state=xyz`;
    const toLogin = await request(t.url).post(authUrl).expect(302);
    expect(toLogin.headers.location).toMatch(/^\/login\?return_to=/);
    const page = await request(t.url).post(authUrl).set('Cookie', partial.cookie).expect(200);
    expect(page.text).toContain('My application');
    const location = await decide(t, page, partial.cookie, 'allow');
    expect(location.startsWith(`${CALLBACK}?code=`)).toBe(true);
    expect(locationParams(location).get('state')).toBe('xyz');
    const code = locationParams(location).get('code')!;
    const res = await request(t.url)
      .post(
        `/oauth2/token?client_id=${app.client_id}&client_secret=${app.client_secret}&grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent(CALLBACK)}`,
      )
      .expect(200);
    expect(res.body).toMatchObject({
      access_token: expect.any(String),
      expires_in: 3600,
      refresh_token: expect.any(String),
      scope: 'read write',
    });
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'guest', full_access: false, database_access: {} });

    const logs = t.logs.join('');
    expect(logs).toContain('/oauth2/token');
    for (const secret of [app.client_secret!, code, res.body.access_token, res.body.refresh_token]) expect(logs).not.toContain(secret);
    // Issue 11, F10: a confidential application's token is revoked with its credentials, sent in
    // the query as netrex's clients send everything (OAUTH_ALLOW_QUERY_CREDENTIALS); without them → 401.
    await request(t.url).post(`/oauth2/revoke?access_token=${res.body.access_token}`).expect(401);
    const revoked = await request(t.url)
      .post(`/oauth2/revoke?access_token=${res.body.access_token}&client_id=${app.client_id}&client_secret=${app.client_secret}`)
      .expect(200);
    expect(revoked.body).toEqual({ success: true, message: expect.any(String) });
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(401);
    const refresh = await request(t.url)
      .post(
        `/oauth2/token?client_id=${app.client_id}&client_secret=${app.client_secret}&grant_type=refresh_token&refresh_token=${res.body.refresh_token}`,
      )
      .expect(400);
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('sends access_denied with the state when the person rejects the request', async () => {
    const authUrl = `/oauth2/auth/?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=read,write&state=no`;
    const page = await request(t.url).post(authUrl).set('Cookie', owner.cookie).expect(200);
    const location = await decide(t, page, owner.cookie, 'deny');
    expect(Object.fromEntries(locationParams(location))).toMatchObject({ error: 'access_denied', state: 'no' });
  });

  it('exchanges a code without client_secret for a public application (with PKCE): no refresh token', async () => {
    const publicApp = await registerApp(t, owner.cookie, { name: 'Kiosk', confidential: false, redirect_uris: [CALLBACK] });
    const { verifier, challenge } = pkcePair();
    const authUrl = `/oauth2/auth/?response_type=code&client_id=${publicApp.client_id}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=read&code_challenge=${challenge}&code_challenge_method=S256`;
    const page = await request(t.url).post(authUrl).set('Cookie', owner.cookie).expect(200);
    const code = locationParams(await decide(t, page, owner.cookie, 'allow')).get('code')!;
    const res = await request(t.url)
      .post(
        `/oauth2/token?client_id=${publicApp.client_id}&grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent(CALLBACK)}&code_verifier=${verifier}`,
      )
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    // A public application's token is revoked exactly as netrex's documentation writes it: the access token alone.
    const revoked = await request(t.url).post(`/oauth2/revoke?access_token=${res.body.access_token}`).expect(200);
    expect(revoked.body).toEqual({ success: true, message: expect.any(String) });
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(401);
  });
});

describe('Fusio developer portal: register, consumer login, /authorization/token with Basic, refresh, Bearer JWT', () => {
  let t: TestApp;
  // Self-registration is off unless REGISTRATION=open; Fusio's developer portal opens it.
  beforeAll(async () => {
    t = await startTestApp({ REGISTRATION: 'open' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps operations private by default', async () => {
    await request(t.url).get('/api/me').expect(401);
  });

  it('registers with the default role and logs in at /consumer/login', async () => {
    const registered = await request(t.url)
      .post('/consumer/register')
      .send({ username: 'fusio-dev', email: 'dev@example.com', password: 'a-long-password' })
      .expect(201);
    expect(registered.body).toMatchObject({ username: 'fusio-dev', roles: ['Consumer'] });
    await request(t.url)
      .post('/consumer/register')
      .send({ username: 'fusio-dev', email: 'x@example.com', password: 'a-long-password' })
      .expect(409);
    const login = await request(t.url)
      .post('/consumer/login')
      .set('Content-Type', 'application/json')
      .send({ username: 'fusio-dev', password: 'a-long-password' })
      .expect(200);
    expect(login.body).toEqual({ token: expect.any(String), expires_in: 3600, refresh_token: expect.any(String) });
    expect(decodeJwt(login.body.token).payload.scope).toBe('read openid profile email account');
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${login.body.token}`).expect(200);
    expect(me.body.roles).toEqual(['Consumer']);
    const refreshed = await form(t, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: login.body.refresh_token,
      client_id: 'consumer',
    }).expect(200);
    expect(refreshed.body.refresh_token).toBeDefined();
    expect((await request(t.url).post('/consumer/login').send({ username: 'fusio-dev', password: 'wrong' }).expect(400)).body.error).toBe(
      'invalid_grant',
    );
  });

  it('issues client credentials with a refresh token through Basic app key:secret, then refreshes', async () => {
    const login = await request(t.url).post('/consumer/login').send({ username: 'fusio-dev', password: 'a-long-password' }).expect(200);
    const app = (
      await request(t.url)
        .post('/api/apps')
        .set('Authorization', `Bearer ${login.body.token}`)
        .send({
          name: 'Fusio app',
          redirect_uris: [],
          grant_types: ['client_credentials', 'refresh_token'],
          client_credentials_refresh: true,
        })
        .expect(201)
    ).body as App;
    const auth = basic(app.client_id, app.client_secret!);
    const token = await request(t.url)
      .post('/authorization/token')
      .set('Authorization', auth)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('grant_type=client_credentials')
      .expect(200);
    expect(token.body).toMatchObject({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
    });
    const refreshed = await request(t.url)
      .post('/authorization/token')
      .set('Authorization', auth)
      .type('form')
      .send(`grant_type=refresh_token&refresh_token=${token.body.refresh_token}`)
      .expect(200);
    expect(refreshed.body).toMatchObject({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
    });
    const me = await request(t.url)
      .get('/api/me')
      .set('Authorization', `Bearer ${refreshed.body.access_token}`)
      .set('Content-Type', 'application/json')
      .expect(200);
    expect(me.body).toMatchObject({ username: 'fusio-dev', credential: 'client', client_id: app.client_id });
  });

  it("accepts a person's username:password in Basic for client credentials, acting as that person", async () => {
    const auth = basic('fusio-dev', 'a-long-password');
    const token = await request(t.url)
      .post('/authorization/token')
      .set('Authorization', auth)
      .type('form')
      .send('grant_type=client_credentials')
      .expect(200);
    expect(token.body.refresh_token).toBeDefined();
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'fusio-dev', credential: 'user' });
    await request(t.url)
      .post('/authorization/token')
      .set('Authorization', auth)
      .type('form')
      .send(`grant_type=refresh_token&refresh_token=${token.body.refresh_token}`)
      .expect(200);
    await request(t.url)
      .post('/authorization/token')
      .set('Authorization', basic('fusio-dev', 'wrong'))
      .type('form')
      .send('grant_type=client_credentials')
      .expect(401);
  });
});

import request from 'supertest';
import { sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import {
  basicAuth,
  bearer,
  consentThroughPage,
  createPerson,
  loginToken,
  pkcePair,
  REDIRECT_URI,
  tokenRequest,
  unique,
} from '../support/flows';

/**
 * F1 (critical). An administrator allows a third-party application `openid` only; the application
 * must not be able to turn that token into anything that mints credentials: no application, no
 * API key or PAT, and through them no `admin` token. Seen failing on f03f4d3: `POST /api/apps`
 * with the `openid` token answered 201, its client_credentials token carried `admin read write`,
 * and that token created an Administrator.
 */
describe('F1: a third-party token for openid alone cannot mint credentials', () => {
  let t: TestApp;
  let openidToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    const mallory = await createPerson(t, { username: unique('mallory') });
    const malloryToken = await loginToken(t, mallory);
    const app = await request(t.url)
      .post('/api/apps')
      .set('Authorization', bearer(malloryToken))
      .send({ name: 'Innocent sign-in', redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], scopes: ['openid'] })
      .expect(201);
    const { verifier, challenge } = pkcePair();
    const location = await consentThroughPage(t, ADMIN.username, {
      client_id: app.body.client_id,
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = new URL(location).searchParams.get('code')!;
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(app.body.client_id, app.body.client_secret),
    ).expect(200);
    expect(exchanged.body.scope).toBe('openid');
    openidToken = exchanged.body.access_token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to register an application with the token (insufficient_scope: account)', async () => {
    const res = await request(t.url)
      .post('/api/apps')
      .set('Authorization', bearer(openidToken))
      .send({ name: 'Escalator', redirect_uris: [], grant_types: ['client_credentials'], scopes: ['admin', 'read', 'write'] });
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
    expect(res.headers['www-authenticate']).toMatch(/scope="account"/);
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM clients WHERE name = 'Escalator'`);
    expect(Number(n)).toBe(0);
  });

  it('refuses to create an API key or a personal access token with the token', async () => {
    for (const type of ['api_key', 'personal_token']) {
      const res = await request(t.url)
        .post('/api/keys')
        .set('Authorization', bearer(openidToken))
        .send({ name: 'Keep me', type, scopes: [] });
      expect(res.status).toBe(403);
    }
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM api_keys WHERE name = 'Keep me'`);
    expect(Number(n)).toBe(0);
  });

  it("refuses to list or withdraw the person's grants with the token", async () => {
    await request(t.url).get('/api/grants').set('Authorization', bearer(openidToken)).expect(403);
  });

  it('caps an application at the scopes of the token that registers it, even one holding account', async () => {
    const dana = await createPerson(t, { username: unique('dana') });
    const token = await loginToken(t, dana);
    const res = await request(t.url)
      .post('/api/apps')
      .set('Authorization', bearer(token))
      .send({ name: 'Too much', redirect_uris: [], grant_types: ['client_credentials'], scopes: ['admin', 'read', 'write'] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/admin/);
  });

  it("never lets a client_credentials token carry more than the app's owner holds", async () => {
    const dana = await createPerson(t, { username: unique('dana') });
    const token = await loginToken(t, dana);
    const app = await request(t.url)
      .post('/api/apps')
      .set('Authorization', bearer(token))
      .send({ name: 'Machine', redirect_uris: [], grant_types: ['client_credentials'] })
      .expect(201);
    expect(app.body.scopes).not.toContain('admin');
    expect(app.body.scopes).not.toContain('account');
    const cc = await tokenRequest(t, { grant_type: 'client_credentials' }, basicAuth(app.body.client_id, app.body.client_secret)).expect(
      200,
    );
    expect(cc.body.scope.split(' ')).not.toContain('admin');
    await request(t.url)
      .post('/api/admin/users')
      .set('Authorization', bearer(cc.body.access_token))
      .send({ username: unique('evil'), password: 'a-long-password-1', roles: ['Administrator'] })
      .expect(403);
  });
});

/**
 * The other side of F1's rule (DESIGN: a third-party application gets `account` only when it asked
 * for it by name and the person consented to "Create applications and API keys in your name").
 */
describe('F1: account reaches a third-party application only by name and with consent', () => {
  let t: TestApp;
  let app: { client_id: string; client_secret: string };
  let dana: { username: string; password: string; id: string };

  beforeAll(async () => {
    t = await startTestApp();
    dana = await createPerson(t, { username: unique('dana') });
    const owner = await loginToken(t, ADMIN);
    app = (
      await request(t.url)
        .post('/api/apps')
        .set('Authorization', bearer(owner))
        .send({
          name: 'Key manager',
          redirect_uris: [REDIRECT_URI],
          grant_types: ['authorization_code'],
          scopes: ['read', 'openid', 'account'],
        })
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  const tokenFor = async (scope: string | undefined) => {
    const { verifier, challenge } = pkcePair();
    const location = await consentThroughPage(t, dana.username, {
      client_id: app.client_id,
      scope,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = new URL(location).searchParams.get('code')!;
    const res = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(app.client_id, app.client_secret),
    ).expect(200);
    return res.body as { access_token: string; scope: string };
  };

  it('leaves account out of the default scope set, though the application may ask for it', async () => {
    const token = await tokenFor(undefined);
    expect(token.scope.split(' ')).not.toContain('account');
    await request(t.url).post('/api/keys').set('Authorization', bearer(token.access_token)).send({ name: 'no' }).expect(403);
  });

  it('asks the person in words before granting it, and then the application may make a key in their name', async () => {
    const session = await sessionCookieFor(t, dana.username);
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: REDIRECT_URI,
      scope: 'read account',
      state: 's',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const page = await request(t.url).get(`/oauth2/authorize?${query.toString()}`).set('Cookie', session).expect(200);
    expect(page.text).toContain('Create applications and API keys in your name');
    const token = await tokenFor('read account');
    expect(token.scope.split(' ')).toEqual(['read', 'account']);
    const key = await request(t.url)
      .post('/api/keys')
      .set('Authorization', bearer(token.access_token))
      .send({ name: 'Made for Dana' })
      .expect(201);
    const [row] = await t.dataSource.query('SELECT user_id FROM api_keys WHERE id = ?', [key.body.id]);
    expect(row.user_id).toBe(dana.id);
  });
});

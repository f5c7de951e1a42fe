import request from 'supertest';
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

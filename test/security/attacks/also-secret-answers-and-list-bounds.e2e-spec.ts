import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { bearer, loginToken, unique } from '../support/flows';

/**
 * Issue 11, "Also". An answer that shows a secret once must not be kept by a browser or proxy
 * cache (RFC 9111 §5.2.2.5 no-store; ASVS 5.0 V14.3.2); seen failing on f03f4d3: the four answers
 * below had no Cache-Control. A management list's `$skip` past 2^31−1 answered 500 (the database
 * refused the offset); it is a 400 naming `$skip`.
 */
describe('secrets shown once are never cached; management lists bound $skip', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = await loginToken(t, ADMIN);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, body: object = {}) => request(t.url).post(path).set('Authorization', bearer(token)).send(body);

  it('marks every answer that carries a new secret no-store', async () => {
    const app = await post('/api/apps', { name: 'Cached?', redirect_uris: [] }).expect(201);
    const rotated = await post(`/api/apps/${app.body.client_id}/secret`).expect(201);
    const key = await post('/api/keys', { name: 'Cached?' }).expect(201);
    const apiUser = await post('/api/admin/users', { username: unique('api'), kind: 'api', oauth2_enabled: true }).expect(201);
    const apiToken = await post(`/api/admin/users/${apiUser.body.id}/api-token`).expect(201);
    for (const res of [app, rotated, key, apiToken]) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 400 for a $skip past 2^31-1 on every management list', async () => {
    for (const path of ['/api/apps', '/api/keys', '/api/grants', '/api/admin/users', '/api/admin/audit']) {
      const res = await request(t.url).get(`${path}?$skip=99999999999`).set('Authorization', bearer(token));
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.message).toMatch(/\$skip/);
    }
  });
});

import request from 'supertest';
import { KeysService } from '../../src/keys/keys.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { basicAuth, bearer, createPerson, loginToken, registerApp, seedSmallDatabases, tokenRequest } from './support/flows';

/**
 * Who may see and change what, checked at use time (RFC 9700 §2.3, §4.10; OWASP ASVS 5.0 V8.2,
 * V10.3.x; see docs/security.md).
 */
describe('access control at use time', () => {
  let t: TestApp;
  let adminCookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    await seedSmallDatabases(t);
    adminCookie = await sessionCookieFor(t, ADMIN.username);
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (authorization: string) => request(t.url).get('/api/me').set('Authorization', authorization);
  const newKey = async (userId: string, kind: 'api_key' | 'personal_token', scopes: string[]) =>
    (await t.app.get(KeysService).create(userId, { name: kind, kind, scopes, expiresAt: null })).secret;

  it("stops a disabled user's tokens, keys, sessions and client applications at once", async () => {
    const bob = await createPerson(t, { databaseAccess: { '01': 'read' } });
    const app = await registerApp(t, bob.username);
    const credentials = {
      'JWT from /consumer/login': bearer(await loginToken(t, bob)),
      'client_credentials token of his app': bearer(
        (
          await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read' }, basicAuth(app.client_id, app.client_secret!)).expect(
            200,
          )
        ).body.access_token,
      ),
      'API key': basicAuth('', await newKey(bob.id, 'api_key', ['read'])),
      'personal access token': bearer(await newKey(bob.id, 'personal_token', ['read'])),
    };
    const cookie = await sessionCookieFor(t, bob.username);
    for (const authorization of Object.values(credentials)) await me(authorization).expect(200);
    await request(t.url).get('/api/me').set(consoleHeaders(t, cookie)).expect(200);

    await request(t.url).patch(`/api/admin/users/${bob.id}`).set(consoleHeaders(t, adminCookie)).send({ disabled: true }).expect(200);

    for (const [what, authorization] of Object.entries(credentials)) {
      expect({ what, status: (await me(authorization)).status }).toEqual({ what, status: 401 });
      const rows = await request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', authorization);
      expect({ what, status: rows.status }).toEqual({ what, status: 401 });
    }
    expect((await request(t.url).get('/api/me').set(consoleHeaders(t, cookie))).status).toBe(401);
    const login = await request(t.url).post('/consumer/login').send({ username: bob.username, password: bob.password });
    expect(login.status).toBeGreaterThanOrEqual(400);
    expect(login.body.token).toBeUndefined();
    const cc = await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read' }, basicAuth(app.client_id, app.client_secret!));
    expect(cc.status).toBeGreaterThanOrEqual(400);
    expect(cc.body.access_token).toBeUndefined();
  });

  it('keeps API keys read-only in every form on both mounts, even for a user with write access', async () => {
    const carl = await createPerson(t, { roles: ['Administrator'], databaseAccess: { '01': 'write' } });
    const key = await newKey(carl.id, 'api_key', ['read', 'write']);
    const forms = [basicAuth('', key), basicAuth('apikey', key), basicAuth(key, ''), `Reference ${key}`];
    const [room] = (await request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', forms[0]).expect(200)).body;
    const before = await t.dataSource.query("SELECT COUNT(*) AS n FROM rooms WHERE database_id = '01'");
    for (const authorization of forms) {
      const writes: [string, () => request.Test][] = [
        [
          'POST rooms',
          () =>
            request(t.url)
              .post('/api/database/01/rooms')
              .set('Authorization', authorization)
              .send({ number: 'K-1', name: 'Key write', status: 'planned' }),
        ],
        [
          'PATCH rooms',
          () => request(t.url).patch(`/api/database/01/rooms/${room.id}`).set('Authorization', authorization).send({ name: 'Key patch' }),
        ],
        ['DELETE rooms', () => request(t.url).delete(`/api/database/01/rooms/${room.id}`).set('Authorization', authorization)],
        [
          'POST odata',
          () =>
            request(t.url)
              .post('/odata/01/rooms')
              .set('Authorization', authorization)
              .send({ number: 'K-2', name: 'Key write', status: 'planned' }),
        ],
        [
          'PATCH odata',
          () => request(t.url).patch(`/odata/01/rooms(${room.id})`).set('Authorization', authorization).send({ name: 'Key patch' }),
        ],
        ['DELETE odata', () => request(t.url).delete(`/odata/01/rooms(${room.id})`).set('Authorization', authorization)],
        ['POST /api/keys', () => request(t.url).post('/api/keys').set('Authorization', authorization).send({ name: 'escalate' })],
      ];
      for (const [what, send] of writes) expect({ what, status: (await send()).status }).toEqual({ what, status: 403 });
    }
    expect(await t.dataSource.query("SELECT COUNT(*) AS n FROM rooms WHERE database_id = '01'")).toEqual(before);
    const [unchanged] = await t.dataSource.query('SELECT name FROM rooms WHERE id = ?', [room.id]);
    expect(unchanged.name).toBe(room.name);
  });

  it("never shows a partial-access user another database's rows, counts or existence", async () => {
    const dora = await createPerson(t, { databaseAccess: { '01': 'read' } });
    const auth = bearer(await loginToken(t, dora));
    const [{ id: foreignRoom }] = await t.dataSource.query("SELECT MIN(id) AS id FROM rooms WHERE database_id = '02'");
    const [{ n: ownCount }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM rooms WHERE database_id = '01'");

    const templates = [
      '/api/database/DB/rooms',
      '/api/database/DB/rooms?$count=true',
      `/api/database/DB/rooms/${foreignRoom}`,
      '/odata/DB/',
      '/odata/DB/$metadata',
      '/odata/DB/rooms',
      '/odata/DB/rooms/$count',
      `/odata/DB/rooms(${foreignRoom})`,
    ];
    for (const template of templates) {
      const [forbidden, missing] = await Promise.all(
        ['02', '99'].map((db) => request(t.url).get(template.replace('DB', db)).set('Authorization', auth)),
      );
      expect({ template, statuses: [forbidden.status, missing.status] }).toEqual({ template, statuses: [404, 404] });
      expect(forbidden.text).not.toMatch(/Harbour|Office Tower/);
      // A forbidden database answers exactly like one that does not exist: its existence does not leak.
      expect(forbidden.text.replace(/\b02\b/g, 'DB')).toBe(missing.text.replace(/\b99\b/g, 'DB'));
    }
    for (const path of [`/api/database/01/rooms/${foreignRoom}`, `/odata/01/rooms(${foreignRoom})`]) {
      expect({ path, status: (await request(t.url).get(path).set('Authorization', auth)).status }).toEqual({ path, status: 404 });
    }
    const count = await request(t.url).get('/odata/01/rooms/$count').set('Authorization', auth).expect(200);
    expect(Number(count.text)).toBe(Number(ownCount));
    const filter = encodeURIComponent(`id eq ${foreignRoom} or id ge 0`);
    const filtered = await request(t.url)
      .get(`/odata/01/rooms?$filter=${filter}&$count=true&$top=1000`)
      .set('Authorization', auth)
      .expect(200);
    expect(filtered.body['@odata.count']).toBe(Number(ownCount));
    expect(filtered.body.value.map((row: { id: number }) => row.id)).not.toContain(Number(foreignRoom));
    const listed = await request(t.url).get('/api/admin/databases').set('Authorization', auth);
    expect(listed.status).toBe(403);
  });
});

import request from 'supertest';
import { Database } from '../../src/databases/database.entity';
import { Role } from '../../src/users/entities/role.entity';
import { UsersService } from '../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

const keyAuth = (key: string) => `Basic ${Buffer.from(`:${key}`).toString('base64')}`;

/**
 * API keys and users' rights are cached in-process for at most 1 s (CredentialCaches); these
 * prove every change made through the application (here the admin API) counts from the very next
 * request. The requests follow each other within milliseconds, well inside the cache's lifetime.
 */
describe('credential caching honours changes on the next request', () => {
  let t: TestApp;
  let users: UsersService;
  let ownerCookie: string;
  let adminCookie: string;
  let ownerId: string;
  const me = (authorization: string) => request(t.url).get('/api/me').set('Authorization', authorization);
  const newKey = async (body: object = { name: 'cached' }) =>
    (await request(t.url).post('/api/keys').set(consoleHeaders(t, ownerCookie)).send(body).expect(201)).body as { id: string; key: string };
  const admin = (method: 'patch', path: string, body: object) =>
    request(t.url)[method](path).set(consoleHeaders(t, adminCookie)).send(body).expect(200);
  const patchOwner = (body: object) => admin('patch', `/api/admin/users/${ownerId}`, body);
  const setDisabled = (disabled: boolean) => patchOwner({ disabled });
  const setReaderScopes = (scopes: string[]) => admin('patch', '/api/admin/roles/Reader', { scopes });

  beforeAll(async () => {
    t = await startTestApp();
    users = t.app.get(UsersService);
    await t.dataSource.getRepository(Database).insert({ id: '01', name: 'One', public: false, createdAt: new Date() });
    await t.dataSource
      .getRepository(Role)
      .insert({ name: 'Reader', scopes: ['read', 'profile', 'account'], isDefault: false, createdAt: new Date() });
    ownerId = (await users.create({ username: 'erin', password: 'erin-password-123', roles: ['Reader'] })).id;
    ownerCookie = await sessionCookieFor(t, 'erin');
    adminCookie = await sessionCookieFor(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a key on the first request after it is revoked, though it was just used', async () => {
    const key = await newKey();
    await me(keyAuth(key.key)).expect(200);
    await me(keyAuth(key.key)).expect(200);
    await request(t.url).delete(`/api/keys/${key.id}`).set(consoleHeaders(t, ownerCookie)).expect(204);
    await me(keyAuth(key.key)).expect(401);
  });

  it('refuses a key, a personal token and a session on the first request after the owner is disabled', async () => {
    const key = await newKey();
    const token = await newKey({ name: 'pat', type: 'personal_token' });
    await me(keyAuth(key.key)).expect(200);
    await me(`Bearer ${token.key}`).expect(200);
    await request(t.url).get('/api/me').set(consoleHeaders(t, ownerCookie)).expect(200);
    await setDisabled(true);
    try {
      await me(keyAuth(key.key)).expect(401);
      await me(`Bearer ${token.key}`).expect(401);
      await request(t.url).get('/api/me').set(consoleHeaders(t, ownerCookie)).expect(401);
    } finally {
      await setDisabled(false);
      ownerCookie = await sessionCookieFor(t, 'erin');
    }
    await me(keyAuth(key.key)).expect(200);
  });

  it('narrows a key to the owner’s new role scopes on the next request', async () => {
    const key = await newKey({ name: 'scoped', scopes: ['read', 'profile'] });
    expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read', 'profile']);
    await setReaderScopes(['read']);
    try {
      expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read']);
    } finally {
      await setReaderScopes(['read', 'profile', 'account']);
    }
  });

  it('drops the scopes of a role taken away from the owner on the next request', async () => {
    const key = await newKey();
    expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read']);
    await patchOwner({ roles: [] });
    try {
      expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual([]);
    } finally {
      await patchOwner({ roles: ['Reader'] });
    }
    expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read']);
  });

  it('shows changed database access on the next request', async () => {
    const key = await newKey();
    expect((await me(keyAuth(key.key)).expect(200)).body.database_access).toEqual({});
    await patchOwner({ database_access: { '01': 'read' } });
    expect((await me(keyAuth(key.key)).expect(200)).body.database_access).toEqual({ '01': 'read' });
    await patchOwner({ database_access: {} });
    expect((await me(keyAuth(key.key)).expect(200)).body.database_access).toEqual({});
  });

  it('refuses a rotated client secret on the next token request, though it was just used', async () => {
    const app = (
      await request(t.url)
        .post('/api/apps')
        .set(consoleHeaders(t, ownerCookie))
        .send({ name: 'Cached app', redirect_uris: [], grant_types: ['client_credentials'] })
        .expect(201)
    ).body as { client_id: string; client_secret: string };
    const token = (secret: string) =>
      request(t.url)
        .post('/oauth2/token')
        .type('form')
        .set('Authorization', `Basic ${Buffer.from(`${app.client_id}:${secret}`).toString('base64')}`)
        .send({ grant_type: 'client_credentials' });
    await token(app.client_secret).expect(200);
    const rotated = await request(t.url).post(`/api/apps/${app.client_id}/secret`).set(consoleHeaders(t, ownerCookie)).expect(201);
    await token(app.client_secret).expect(401);
    await token(rotated.body.client_secret).expect(200);
  });

  it('accepts a key on the first request after it is created, even after an unknown key was tried', async () => {
    await me(keyAuth(`tsk_${'B'.repeat(43)}`)).expect(401);
    const key = await newKey();
    await me(keyAuth(key.key)).expect(200);
  });
});

import request from 'supertest';
import { Database } from '../../src/databases/database.entity';
import { Role } from '../../src/users/entities/role.entity';
import { User } from '../../src/users/entities/user.entity';
import { UsersService } from '../../src/users/users.service';
import { sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

const keyAuth = (key: string) => `Basic ${Buffer.from(`:${key}`).toString('base64')}`;

/**
 * API keys and users' rights are cached in-process for at most 1 s (CredentialCaches); these
 * prove every change made through the application still counts from the very next request.
 */
describe('credential caching honours changes on the next request', () => {
  let t: TestApp;
  let users: UsersService;
  let ownerCookie: string;
  let ownerId: string;
  const me = (authorization: string) => request(t.url).get('/api/me').set('Authorization', authorization);
  const newKey = async (body: object = { name: 'cached' }) =>
    (await request(t.url).post('/api/keys').set('Cookie', ownerCookie).send(body).expect(201)).body as { id: string; key: string };
  const setDisabled = (disabled: boolean) => t.dataSource.getRepository(User).update({ id: ownerId }, { disabled });

  beforeAll(async () => {
    t = await startTestApp();
    users = t.app.get(UsersService);
    await t.dataSource.getRepository(Database).insert({ id: '01', name: 'One', public: false, createdAt: new Date() });
    await t.dataSource.getRepository(Role).insert({ name: 'Reader', scopes: ['read', 'profile'], isDefault: false, createdAt: new Date() });
    ownerId = (await users.create({ username: 'erin', password: 'erin-password-123', roles: ['Reader'] })).id;
    ownerCookie = await sessionCookieFor(t, 'erin');
  });
  afterAll(async () => { await t.close(); });

  it('refuses a key on the first request after it is revoked, though it was just used', async () => {
    const key = await newKey();
    await me(keyAuth(key.key)).expect(200);
    await me(keyAuth(key.key)).expect(200);
    await request(t.url).delete(`/api/keys/${key.id}`).set('Cookie', ownerCookie).expect(204);
    await me(keyAuth(key.key)).expect(401);
  });

  it("refuses a key, a personal token and a session on the first request after the owner is disabled", async () => {
    const key = await newKey();
    const token = await newKey({ name: 'pat', type: 'personal_token' });
    await me(keyAuth(key.key)).expect(200);
    await me(`Bearer ${token.key}`).expect(200);
    await request(t.url).get('/api/me').set('Cookie', ownerCookie).expect(200);
    await setDisabled(true);
    try {
      await me(keyAuth(key.key)).expect(401);
      await me(`Bearer ${token.key}`).expect(401);
      await request(t.url).get('/api/me').set('Cookie', ownerCookie).expect(401);
    } finally {
      await setDisabled(false);
    }
    await me(keyAuth(key.key)).expect(200);
  });

  it('narrows a key to the owner’s new role scopes on the next request', async () => {
    const key = await newKey({ name: 'scoped', scopes: ['read', 'profile'] });
    expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read', 'profile']);
    await t.dataSource.getRepository(Role).update({ name: 'Reader' }, { scopes: ['read'] });
    try {
      expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read']);
    } finally {
      await t.dataSource.getRepository(Role).update({ name: 'Reader' }, { scopes: ['read', 'profile'] });
    }
  });

  it('drops the scopes of a role taken away from the owner on the next request', async () => {
    const key = await newKey();
    expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read']);
    const owner = (await users.findById(ownerId))!;
    await t.dataSource.getRepository(User).save({ ...owner, roles: [] });
    try {
      expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual([]);
    } finally {
      await t.dataSource.getRepository(User).save({ ...owner, roles: owner.roles });
    }
    expect((await me(keyAuth(key.key)).expect(200)).body.scopes).toEqual(['read']);
  });

  it('shows changed database access on the next request', async () => {
    const key = await newKey();
    expect((await me(keyAuth(key.key)).expect(200)).body.database_access).toEqual({});
    await users.setDatabaseAccess(ownerId, { '01': 'read' });
    expect((await me(keyAuth(key.key)).expect(200)).body.database_access).toEqual({ '01': 'read' });
    await users.setDatabaseAccess(ownerId, {});
    expect((await me(keyAuth(key.key)).expect(200)).body.database_access).toEqual({});
  });

  it('accepts a key on the first request after it is created, even after an unknown key was tried', async () => {
    await me(keyAuth(`tsk_${'B'.repeat(43)}`)).expect(401);
    const key = await newKey();
    await me(keyAuth(key.key)).expect(200);
  });
});

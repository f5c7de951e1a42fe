import request from 'supertest';
import { DatabasesService } from '../../../src/databases/databases.service';
import { Role } from '../../../src/users/entities/role.entity';
import { UsersService } from '../../../src/users/users.service';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, loginToken, tokenRequest, unique } from '../support/flows';

/**
 * F2 (high). A role with `api-users:view create edit` is meant to manage API users, not to make
 * administrators. Seen failing on f03f4d3: the manager created an API user with role Administrator
 * and `full_access` (201), issued its API token, got an `admin` client_credentials token, and that
 * token gave the manager the Administrator role (200). Without `admin`, an actor assigns only roles
 * whose scopes it holds, never `full_access`, database access only within its own, and acts only on
 * API users whose rights are within its own.
 */
describe('F2: an API-user manager cannot create or use anything stronger than itself', () => {
  let t: TestApp;
  let manager: { id: string; token: string };
  let adminToken: string;

  const asManager = (method: 'post' | 'patch' | 'delete', path: string, body?: object) =>
    request(t.url)[method](path).set('Authorization', bearer(manager.token)).send(body);
  const apiUserCount = async (username: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE username = ?', [username]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    const databases = t.app.get(DatabasesService);
    for (const id of ['01', '02']) await databases.create({ id, name: `Project ${id}`, public: false });
    const roles = t.dataSource.getRepository(Role);
    await roles.save({
      name: 'API Managers',
      scopes: ['read', 'api-users:view', 'api-users:create', 'api-users:edit'],
      isDefault: false,
      createdAt: new Date(),
    });
    await roles.save({ name: 'Readers', scopes: ['read'], isDefault: false, createdAt: new Date() });
    await roles.save({ name: 'Writers', scopes: ['read', 'write'], isDefault: false, createdAt: new Date() });
    const username = unique('manager');
    const user = await t.app
      .get(UsersService)
      .create({ username, password: 'manager-password-1', roles: ['API Managers'], databaseAccess: { '01': 'read' } });
    manager = { id: user.id, token: await loginToken(t, { username, password: 'manager-password-1' }) };
    adminToken = await loginToken(t, ADMIN);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to create an API user with a role whose scopes the manager does not hold', async () => {
    for (const roles of [['Administrator'], ['Writers'], ['Readers', 'Administrator']]) {
      const username = unique('escalator');
      const res = await asManager('post', '/api/admin/users', { username, kind: 'api', roles, oauth2_enabled: true });
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/role/);
      expect(await apiUserCount(username)).toBe(0);
    }
  });

  it("refuses full_access and database access beyond the manager's own", async () => {
    for (const extra of [{ full_access: true }, { database_access: { '01': 'write' } }, { database_access: { '02': 'read' } }]) {
      const username = unique('escalator');
      const res = await asManager('post', '/api/admin/users', { username, kind: 'api', roles: ['Readers'], ...extra });
      expect(res.status).toBe(403);
      expect(await apiUserCount(username)).toBe(0);
    }
  });

  it('creates an API user within its own rights, whose token carries no more than the manager', async () => {
    const username = unique('within');
    const created = await asManager('post', '/api/admin/users', {
      username,
      kind: 'api',
      roles: ['Readers'],
      database_access: { '01': 'read' },
      oauth2_enabled: true,
    }).expect(201);
    const issued = await asManager('post', `/api/admin/users/${created.body.id}/api-token`).expect(201);
    const cc = await tokenRequest(
      t,
      { grant_type: 'client_credentials' },
      basicAuth(issued.body.client_id, issued.body.client_secret),
    ).expect(200);
    expect(cc.body.scope).toBe('read');
    await request(t.url)
      .patch(`/api/admin/users/${manager.id}`)
      .set('Authorization', bearer(cc.body.access_token))
      .send({ roles: ['Administrator'] })
      .expect(403);
    // and cannot widen it afterwards
    await asManager('patch', `/api/admin/users/${created.body.id}`, { roles: ['Administrator'] }).expect(403);
    await asManager('patch', `/api/admin/users/${created.body.id}`, { full_access: true }).expect(403);
    await asManager('patch', `/api/admin/users/${created.body.id}`, { database_access: { '02': 'write' } }).expect(403);
    const row = (await request(t.url).get(`/api/admin/users/${created.body.id}`).set('Authorization', bearer(adminToken)).expect(200)).body;
    expect(row).toMatchObject({ roles: ['Readers'], full_access: false, database_access: { '01': 'read' } });
  });

  it('cannot take over an API user an administrator made stronger than the manager', async () => {
    const strong = await request(t.url)
      .post('/api/admin/users')
      .set('Authorization', bearer(adminToken))
      .send({ username: unique('strong'), kind: 'api', roles: ['Administrator'], full_access: true, oauth2_enabled: true })
      .expect(201);
    await asManager('post', `/api/admin/users/${strong.body.id}/api-token`).expect(403);
    await asManager('patch', `/api/admin/users/${strong.body.id}`, { oauth2_enabled: false }).expect(403);
  });

  it('never promoted the manager', async () => {
    const me = await request(t.url).get('/api/me').set('Authorization', bearer(manager.token)).expect(200);
    expect(me.body.roles).toEqual(['API Managers']);
    expect(me.body.full_access).toBe(false);
  });
});

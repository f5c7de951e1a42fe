import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { adminSession, personalToken } from './admin-support';

const basicKey = (key: string) => `Basic ${Buffer.from(`:${key}`).toString('base64')}`;

describe('AdminUsersController (/api/admin/users)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminSession(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: object, cookie = admin) => request(t.url).post('/api/admin/users').set(consoleHeaders(t, cookie)).send(body);
  const patch = (id: string, body: object, cookie = admin) =>
    request(t.url).patch(`/api/admin/users/${id}`).set(consoleHeaders(t, cookie)).send(body);

  it('creates a person and answers with every field, null for empty ones', async () => {
    const res = await post({
      username: 'erin',
      password: 'erin-password-1',
      roles: ['Consumer'],
      database_access: { '01': 'read', '02': 'write' },
    }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      username: 'erin',
      email: null,
      kind: 'person',
      roles: ['Consumer'],
      database_access: { '01': 'read', '02': 'write' },
      full_access: false,
      disabled: false,
      oauth2_enabled: false,
      access_token_ttl_minutes: null,
      created_at: expect.any(String),
    });
    expect(res.body.password).toBeUndefined();
    const shown = await request(t.url).get(`/api/admin/users/${res.body.id}`).set(consoleHeaders(t, admin)).expect(200);
    expect(shown.body).toEqual(res.body);
  });

  it('lists users as a bare array, paged with $top/$skip and a Link header', async () => {
    await post({ username: 'page-a', password: 'password-123' }).expect(201);
    await post({ username: 'page-b', password: 'password-123' }).expect(201);
    const all = await request(t.url).get('/api/admin/users').set(consoleHeaders(t, admin)).expect(200);
    expect(Array.isArray(all.body)).toBe(true);
    expect(all.body.map((u: { username: string }) => u.username)).toEqual(
      [...all.body.map((u: { username: string }) => u.username)].sort(),
    );
    const first = await request(t.url).get('/api/admin/users?$top=1&$count=true').set(consoleHeaders(t, admin)).expect(200);
    expect(first.body).toHaveLength(1);
    expect(first.headers['x-total-count']).toBe(String(all.body.length));
    expect(first.headers.link).toBe(`<${t.url}/api/admin/users?$top=1&$count=true&$skip=1>; rel="next"`);
    const second = await request(t.url).get('/api/admin/users?$top=1&$skip=1').set(consoleHeaders(t, admin)).expect(200);
    expect(second.body[0].username).toBe(all.body[1].username);
    expect(second.headers.link).toMatch(/rel="prev"/);
  });

  it('refuses bad input with field errors', async () => {
    const res = await post({
      username: 'bad name!',
      password: 'short',
      kind: 'robot',
      email: 'nope',
      database_access: { '01': 'admin' },
      access_token_ttl_minutes: 0,
    }).expect(400);
    expect(res.body.statusCode).toBe(400);
    const text = res.body.details.join('\n');
    expect(text).toMatch(/username may only contain/);
    expect(text).toMatch(/password must be between 8 and 128/);
    expect(text).toMatch(/kind must be "person" or "api"/);
    expect(text).toMatch(/email must be an e-mail address/);
    expect(text).toMatch(/database_access must be an object/);
    expect(text).toMatch(/access_token_ttl_minutes must not be less than 1/);
  });

  it('refuses unknown roles, unknown databases and fields that belong to the other kind of user', async () => {
    const res = await post({
      username: 'frank',
      password: 'password-123',
      roles: ['Nope'],
      database_access: { '99': 'read' },
      oauth2_enabled: true,
    }).expect(400);
    expect(res.body.details).toEqual([
      'roles contains unknown roles: Nope',
      'database_access names unknown databases: 99',
      'oauth2_enabled applies to API users only',
    ]);
    const api = await post({ username: 'api-pw', kind: 'api', password: 'password-123' }).expect(400);
    expect(api.body.details[0]).toMatch(/API users cannot sign in with a password/);
  });

  it('refuses a taken username with 409', async () => {
    await post({ username: 'gina', password: 'password-123' }).expect(201);
    const res = await post({ username: 'gina', password: 'password-123' }).expect(409);
    expect(res.body.message).toMatch(/taken/);
  });

  it('updates roles, database access and flags', async () => {
    const { body } = await post({
      username: 'hank',
      password: 'password-123',
      roles: ['Consumer'],
      database_access: { '01': 'read' },
    }).expect(201);
    const res = await patch(body.id, {
      roles: ['Administrator'],
      database_access: { '02': 'write' },
      email: 'hank@example.com',
      full_access: true,
    }).expect(200);
    expect(res.body).toMatchObject({
      roles: ['Administrator'],
      database_access: { '02': 'write' },
      email: 'hank@example.com',
      full_access: true,
    });
    const cleared = await patch(body.id, { email: null, roles: [] }).expect(200);
    expect(cleared.body).toMatchObject({ email: null, roles: [] });
  });

  it('refuses a disabled user its API keys and sessions from the next request on', async () => {
    const { body: user } = await post({ username: 'ivy', password: 'ivy-password-1', roles: ['Consumer'] }).expect(201);
    const session = await sessionCookieFor(t, 'ivy');
    const { body: key } = await request(t.url).post('/api/keys').set(consoleHeaders(t, session)).send({ name: 'excel' }).expect(201);
    await request(t.url).get('/api/me').set('Authorization', basicKey(key.key)).expect(200);
    await request(t.url).get('/api/me').set(consoleHeaders(t, session)).expect(200);

    await patch(user.id, { disabled: true }).expect(200);
    await request(t.url).get('/api/me').set('Authorization', basicKey(key.key)).expect(401);
    await request(t.url).get('/api/me').set(consoleHeaders(t, session)).expect(401);

    await patch(user.id, { disabled: false }).expect(200);
    await request(t.url).get('/api/me').set('Authorization', basicKey(key.key)).expect(200);
  });

  it('does not let an administrator disable or delete their own account', async () => {
    const me = await request(t.url).get('/api/me').set(consoleHeaders(t, admin)).expect(200);
    await patch(me.body.id, { disabled: true }).expect(400);
    await request(t.url).delete(`/api/admin/users/${me.body.id}`).set(consoleHeaders(t, admin)).expect(400);
  });

  it('deletes a user; its key stops working', async () => {
    const { body: user } = await post({ username: 'jack', password: 'jack-password-1', roles: ['Consumer'] }).expect(201);
    const session = await sessionCookieFor(t, 'jack');
    const { body: key } = await request(t.url).post('/api/keys').set(consoleHeaders(t, session)).send({ name: 'k' }).expect(201);
    await request(t.url).delete(`/api/admin/users/${user.id}`).set(consoleHeaders(t, admin)).expect(204);
    await request(t.url).get(`/api/admin/users/${user.id}`).set(consoleHeaders(t, admin)).expect(404);
    await request(t.url).get('/api/me').set('Authorization', basicKey(key.key)).expect(401);
  });

  describe("API users (d.vinci's OAuth 2.0 API users)", () => {
    it('creates an API user with OAuth 2.0 on and a TTL in minutes', async () => {
      const res = await post({
        username: 'erp-sync',
        kind: 'api',
        oauth2_enabled: true,
        access_token_ttl_minutes: 15,
        database_access: { '01': 'read' },
      }).expect(201);
      expect(res.body).toMatchObject({ kind: 'api', oauth2_enabled: true, access_token_ttl_minutes: 15 });
    });

    it('generates an API token shown once; a new token invalidates the old', async () => {
      const { body: user } = await post({ username: 'bi-feed', kind: 'api', oauth2_enabled: true }).expect(201);
      const first = await request(t.url).post(`/api/admin/users/${user.id}/api-token`).set(consoleHeaders(t, admin)).expect(201);
      expect(first.body).toEqual({ client_id: 'bi-feed', client_secret: expect.stringMatching(/^tat_[A-Za-z0-9_-]{43}$/) });
      const users = t.app.get(UsersService);
      expect((await users.findByApiToken(first.body.client_secret))?.id).toBe(user.id);
      const second = await request(t.url).post(`/api/admin/users/${user.id}/api-token`).set(consoleHeaders(t, admin)).expect(201);
      expect(second.body.client_secret).not.toBe(first.body.client_secret);
      expect(await users.findByApiToken(first.body.client_secret)).toBeNull();
      expect((await users.findByApiToken(second.body.client_secret))?.id).toBe(user.id);
      const shown = await request(t.url).get(`/api/admin/users/${user.id}`).set(consoleHeaders(t, admin)).expect(200);
      expect(JSON.stringify(shown.body)).not.toContain(second.body.client_secret);
      const audit = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'));
      expect(audit).toContain('user.api_token_issued');
      expect(audit).not.toContain(first.body.client_secret);
      expect(audit).not.toContain(second.body.client_secret);
    });

    it('ends the tokens an API user holds when OAuth 2.0 is switched off or a new API token is made', async () => {
      const { body: user } = await post({
        username: 'etl-job',
        kind: 'api',
        oauth2_enabled: true,
        database_access: { '01': 'read' },
      }).expect(201);
      const tokenFor = async (secret: string) =>
        (
          await request(t.url)
            .post('/oauth2/token')
            .type('form')
            .send({ grant_type: 'client_credentials', client_id: 'etl-job', client_secret: secret })
            .expect(200)
        ).body.access_token as string;
      const me = (accessToken: string) => request(t.url).get('/api/me').set('Authorization', `Bearer ${accessToken}`);

      const first = (await request(t.url).post(`/api/admin/users/${user.id}/api-token`).set(consoleHeaders(t, admin)).expect(201)).body
        .client_secret;
      const issuedWithFirst = await tokenFor(first);
      await me(issuedWithFirst).expect(200);
      const second = (await request(t.url).post(`/api/admin/users/${user.id}/api-token`).set(consoleHeaders(t, admin)).expect(201)).body
        .client_secret;
      await me(issuedWithFirst).expect(401);

      const issuedWithSecond = await tokenFor(second);
      await me(issuedWithSecond).expect(200);
      await request(t.url).patch(`/api/admin/users/${user.id}`).set(consoleHeaders(t, admin)).send({ oauth2_enabled: false }).expect(200);
      await me(issuedWithSecond).expect(401);
      const refused = await request(t.url)
        .post('/oauth2/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: 'etl-job', client_secret: second });
      expect(refused.status).toBe(401);
    });

    it('refuses an API token for a person', async () => {
      const { body } = await post({ username: 'kate', password: 'password-123' }).expect(201);
      const res = await request(t.url).post(`/api/admin/users/${body.id}/api-token`).set(consoleHeaders(t, admin)).expect(400);
      expect(res.body.message).toMatch(/Only API users/);
    });
  });

  describe('permissions (admin, or the api-users scopes on API users)', () => {
    let person: { id: string };
    let apiUser: { id: string };
    beforeAll(async () => {
      await request(t.url)
        .post('/api/admin/roles')
        .set(consoleHeaders(t, admin))
        .send({ name: 'API Managers', scopes: ['read', 'api-users:view', 'api-users:create', 'api-users:edit', 'api-users:delete'] })
        .expect(201);
      await request(t.url)
        .post('/api/admin/roles')
        .set(consoleHeaders(t, admin))
        .send({ name: 'API Viewers', scopes: ['read', 'api-users:view'] })
        .expect(201);
      await post({ username: 'manager', password: 'manager-password', roles: ['API Managers'] }).expect(201);
      await post({ username: 'viewer', password: 'viewer-password', roles: ['API Viewers'] }).expect(201);
      await post({ username: 'plain', password: 'plain-password', roles: ['Consumer'] }).expect(201);
      person = (await post({ username: 'someone', password: 'password-123' }).expect(201)).body;
      apiUser = (await post({ username: 'managed-api', kind: 'api' }).expect(201)).body;
    });

    it('lets an api-users manager create, edit, token and delete API users only', async () => {
      const manager = await sessionCookieFor(t, 'manager');
      const created = await post({ username: 'by-manager', kind: 'api', oauth2_enabled: true }, manager).expect(201);
      await patch(created.body.id, { access_token_ttl_minutes: 30 }, manager).expect(200);
      await request(t.url).post(`/api/admin/users/${created.body.id}/api-token`).set(consoleHeaders(t, manager)).expect(201);
      await request(t.url).delete(`/api/admin/users/${created.body.id}`).set(consoleHeaders(t, manager)).expect(204);

      const refused = await post({ username: 'sneaky', password: 'password-123' }, manager).expect(403);
      expect(refused.headers['www-authenticate']).toContain('error="insufficient_scope"');
      await patch(person.id, { roles: ['Administrator'] }, manager).expect(404);
      const listed = await request(t.url).get('/api/admin/users').set(consoleHeaders(t, manager)).expect(200);
      expect(listed.body.length).toBeGreaterThan(0);
      expect(listed.body.every((u: { kind: string }) => u.kind === 'api')).toBe(true);
    });

    it('lets an api-users viewer read API users but not change them', async () => {
      const viewer = await sessionCookieFor(t, 'viewer');
      await request(t.url).get(`/api/admin/users/${apiUser.id}`).set(consoleHeaders(t, viewer)).expect(200);
      const res = await patch(apiUser.id, { oauth2_enabled: true }, viewer).expect(403);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
      expect(res.body).toMatchObject({ statusCode: 403, error: 'insufficient_scope' });
      await request(t.url).post(`/api/admin/users/${apiUser.id}/api-token`).set(consoleHeaders(t, viewer)).expect(403);
      await request(t.url).delete(`/api/admin/users/${apiUser.id}`).set(consoleHeaders(t, viewer)).expect(403);
    });

    it('refuses a person without admin scope, and a token without the scope, with insufficient_scope', async () => {
      const plain = await sessionCookieFor(t, 'plain');
      const res = await request(t.url).get('/api/admin/users').set(consoleHeaders(t, plain)).expect(403);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
      const readOnlyToken = await personalToken(t, admin, ['read']);
      const byToken = await request(t.url).get('/api/admin/users').set('Authorization', `Bearer ${readOnlyToken}`).expect(403);
      expect(byToken.headers['www-authenticate']).toMatch(/^Bearer .*error="insufficient_scope"/);
      const adminToken = await personalToken(t, admin, ['admin']);
      await request(t.url).get('/api/admin/users').set('Authorization', `Bearer ${adminToken}`).expect(200);
    });

    it('refuses an anonymous caller with 401', async () => {
      await request(t.url).get('/api/admin/users').expect(401);
    });
  });

  it('audits every change without secrets', async () => {
    const { body } = await post({ username: 'audited', password: 'audited-secret-pw' }).expect(201);
    await patch(body.id, { password: 'another-secret-pw', disabled: true }).expect(200);
    const rows = await t.dataSource.query('SELECT event, target, details FROM audit_events');
    const events = rows.filter((row: { target: string }) => row.target === body.id).map((row: { event: string }) => row.event);
    expect(events).toEqual(expect.arrayContaining(['user.created', 'user.updated']));
    const text = JSON.stringify(rows);
    expect(text).not.toContain('audited-secret-pw');
    expect(text).not.toContain('another-secret-pw');
  });
});

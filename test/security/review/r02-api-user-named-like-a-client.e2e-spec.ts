import request from 'supertest';
import { Role } from '../../../src/users/entities/role.entity';
import { UsersService } from '../../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, codeGrantTokens, createPerson, loginToken, registerApp, tokenRequest, unique } from '../support/flows';

/**
 * R02 (medium). An API user's `client_id` is its username, and tokens are revoked by the client id
 * string (`GrantsService.revokeAllOfClient(user.username)` when its API token is re-issued or its
 * OAuth 2.0 is switched off). Usernames share the namespace of application client ids (base64url,
 * every character allowed in a username) and of the built-in `consumer` client. So a holder of
 * `api-users:create`/`edit` alone names an API user `consumer`, or after another person's
 * application (its client_id is public: it is in every authorization URL), issues its API token,
 * and every person's `/consumer/login` tokens, or every token of that application, are revoked.
 */
describe("R02: an API user named like a client cannot revoke that client's tokens", () => {
  let t: TestApp;
  let manager: string;

  // The manager works in the console (a session): its own /consumer/login token would be revoked too.
  const asManager = (method: 'post' | 'patch', path: string, body?: object) =>
    request(t.url)[method](path).set(consoleHeaders(t, manager)).send(body);

  /**
   * An API user with this name, made straight in storage (the API now refuses such names, see the
   * last test; one may predate that rule), whose API token the manager issues and whose OAuth 2.0
   * it switches off: both used to revoke by the client-id string.
   */
  const apiUserNamed = async (username: string) => {
    const created = await t.app.get(UsersService).create({ username, kind: 'api', roles: ['Readers'], oauth2Enabled: true });
    await asManager('post', `/api/admin/users/${created.id}/api-token`).expect(201);
    await asManager('patch', `/api/admin/users/${created.id}`, { oauth2_enabled: false }).expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp();
    const roles = t.dataSource.getRepository(Role);
    await roles.save({
      name: 'API Managers',
      scopes: ['read', 'api-users:view', 'api-users:create', 'api-users:edit'],
      isDefault: false,
      createdAt: new Date(),
    });
    await roles.save({ name: 'Readers', scopes: ['read'], isDefault: false, createdAt: new Date() });
    const username = unique('manager');
    await t.app.get(UsersService).create({ username, password: 'manager-password-1', roles: ['API Managers'] });
    manager = await sessionCookieFor(t, username);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("leaves every person's /consumer/login tokens alone when an API user is called consumer", async () => {
    const victim = await createPerson(t, { username: unique('victim') });
    const login = await request(t.url).post('/consumer/login').send({ username: victim.username, password: victim.password }).expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(login.body.token)).expect(200);

    await apiUserNamed('consumer');

    await request(t.url).get('/api/me').set('Authorization', bearer(login.body.token)).expect(200);
    const refreshed = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: login.body.refresh_token,
      client_id: 'consumer',
    });
    expect(refreshed.status).toBe(200);
  });

  it("leaves another person's application's tokens alone when an API user takes its client_id as a name", async () => {
    const app = await registerApp(t, ADMIN.username, { scopes: ['read', 'openid'] });
    const machine = await tokenRequest(t, { grant_type: 'client_credentials' }, basicAuth(app.client_id, app.client_secret!)).expect(200);
    const delegated = await codeGrantTokens(t, app, await loginToken(t, ADMIN), 'read');

    await apiUserNamed(app.client_id);

    await request(t.url).get('/api/me').set('Authorization', bearer(machine.body.access_token)).expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(delegated.access_token)).expect(200);
    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: delegated.refresh_token },
      basicAuth(app.client_id, app.client_secret!),
    );
    expect(refreshed.status).toBe(200);
  });

  it("refuses to name a user after a client: the built-in consumer client, or an application's client_id", async () => {
    const app = await registerApp(t, ADMIN.username, { scopes: ['read'] });
    for (const username of ['consumer', app.client_id]) {
      const res = await asManager('post', '/api/admin/users', { username, kind: 'api', roles: ['Readers'] });
      expect(res.status).toBe(409);
      expect(res.body.target).toBe('username');
    }
  });
});

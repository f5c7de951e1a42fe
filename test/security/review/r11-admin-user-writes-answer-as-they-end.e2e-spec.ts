import request from 'supertest';
import { Role } from '../../../src/users/entities/role.entity';
import { UsersService } from '../../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { unique } from '../support/flows';

/**
 * R11 (low; review of 4 December, F2 and F3). Seen failing on 970bd7c:
 * - F2: with `api-users:create` or `api-users:edit` but not `:view` (DESIGN §10: each is enough for
 *   its route), POST and PATCH on /api/admin/users made the change, then answered 403
 *   "needs api-users:view": the answer said refused for a change that was made.
 * - F3: `@IsOptional()` skips every validator for `null`, so `{"disabled": null}` reached a NOT NULL
 *   column (500, stack trace in the log) and `{"username": null}` was taken as the name "null" (409).
 *   A field that may be left out is now validated whenever it is present, null included; `null`
 *   stays allowed where it means "clear" (documented nullable).
 */
describe('R11: user writes answer what they did, and null is validated', () => {
  let t: TestApp;
  let writer: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const roles = t.dataSource.getRepository(Role);
    await roles.save({
      name: 'R11 Writers',
      scopes: ['read', 'api-users:create', 'api-users:edit'],
      isDefault: false,
      createdAt: new Date(),
    });
    await roles.save({ name: 'R11 Readers', scopes: ['read'], isDefault: false, createdAt: new Date() });
    const username = unique('writer');
    await t.app.get(UsersService).create({ username, password: 'writer-password-1', roles: ['R11 Writers'] });
    writer = consoleHeaders(t, await sessionCookieFor(t, username));
    admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 201 and 200 with the user to a holder of api-users:create / :edit without :view', async () => {
    const username = unique('made-');
    const created = await request(t.url)
      .post('/api/admin/users')
      .set(writer)
      .send({ username, kind: 'api', roles: ['R11 Readers'] });
    expect([created.status, created.body.username]).toEqual([201, username]);
    const changed = await request(t.url).patch(`/api/admin/users/${created.body.id}`).set(writer).send({ disabled: true });
    expect([changed.status, changed.body.disabled]).toEqual([200, true]);
  });

  it('refuses null where a value is required, with a 400 naming the field, and changes nothing', async () => {
    const created = await request(t.url)
      .post('/api/admin/users')
      .set(admin)
      .send({ username: unique('nulls-'), kind: 'api', roles: ['R11 Readers'] })
      .expect(201);
    for (const field of ['full_access', 'disabled', 'oauth2_enabled', 'username', 'roles', 'database_access']) {
      const answer = await request(t.url)
        .patch(`/api/admin/users/${created.body.id}`)
        .set(admin)
        .send({ [field]: null });
      expect([field, answer.status]).toEqual([field, 400]);
    }
    const after = await request(t.url).get(`/api/admin/users/${created.body.id}`).set(admin).expect(200);
    expect(after.body).toMatchObject({ username: created.body.username, disabled: false, full_access: false });
  });

  it('keeps null as "clear" where the field is documented nullable', async () => {
    const created = await request(t.url)
      .post('/api/admin/users')
      .set(admin)
      .send({ username: unique('clear-'), kind: 'api', roles: ['R11 Readers'], email: 'x@example.com', access_token_ttl_minutes: 15 })
      .expect(201);
    const cleared = await request(t.url)
      .patch(`/api/admin/users/${created.body.id}`)
      .set(admin)
      .send({ email: null, access_token_ttl_minutes: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ email: null, access_token_ttl_minutes: null });
  });

  it('refuses null in the other write bodies where a value is required (roles, apps)', async () => {
    const name = unique('R11 role ');
    await request(t.url)
      .post('/api/admin/roles')
      .set(admin)
      .send({ name, scopes: ['read'] })
      .expect(201);
    for (const body of [{ is_default: null }, { two_factor_required: null }, { scopes: null }]) {
      const answer = await request(t.url)
        .patch(`/api/admin/roles/${encodeURIComponent(name)}`)
        .set(admin)
        .send(body);
      expect([body, answer.status]).toEqual([body, 400]);
    }
    const app = await request(t.url)
      .post('/api/apps')
      .set(admin)
      .send({ name: 'R11 app', redirect_uris: ['https://example.com/cb'], scopes: ['read'] })
      .expect(201);
    for (const body of [{ name: null }, { redirect_uris: null }, { scopes: null }]) {
      const answer = await request(t.url).patch(`/api/apps/${app.body.client_id}`).set(admin).send(body);
      expect([body, answer.status]).toEqual([body, 400]);
    }
  });
});

import request from 'supertest';
import { Role } from '../../../src/users/entities/role.entity';
import { UsersService } from '../../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, createPerson, decodeJwtPart, Person, tokenRequest, unique } from '../support/flows';

/**
 * R10 (medium; review of 4 December, F1). People's tokens name them by their user id (`sub`, a
 * UUID); a client_credentials token names its client (`sub` = `client_id`), and an API user's
 * client id is its username. A holder of `api-users:create` or `:edit` alone named an API user
 * after a person's id (no secret: it is the `sub` of every token of theirs), and that API user's
 * tokens and introspection answers carried the person's `sub`: a resource server keying on `sub`
 * (RFC 9068 §2.2, RFC 7662 §2.2) took the API user for the person (RFC 9068 §5). Seen failing on
 * 970bd7c: both the POST and the PATCH answered 201/200 and the token's `sub` was the person's id.
 * A name spelt like a user id is now refused wherever a user is named.
 */
describe("R10: an API user cannot be named like a person's id", () => {
  let t: TestApp;
  let manager: string;
  let dana: Person;

  const asManager = (method: 'post' | 'patch', path: string, body: object) =>
    request(t.url)[method](path).set(consoleHeaders(t, manager)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    const roles = t.dataSource.getRepository(Role);
    await roles.save({
      name: 'R10 Managers',
      scopes: ['read', 'api-users:view', 'api-users:create', 'api-users:edit'],
      isDefault: false,
      createdAt: new Date(),
    });
    await roles.save({ name: 'R10 Readers', scopes: ['read'], isDefault: false, createdAt: new Date() });
    const username = unique('manager');
    await t.app.get(UsersService).create({ username, password: 'manager-password-1', roles: ['R10 Managers'] });
    manager = await sessionCookieFor(t, username);
    dana = await createPerson(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The `sub` of a client_credentials token of this API user, or the answer that refused it. */
  const subOfApiUser = async (id: string, name: string) => {
    const issued = await request(t.url).post(`/api/admin/users/${id}/api-token`).set(consoleHeaders(t, manager)).expect(201);
    const token = await tokenRequest(
      t,
      { grant_type: 'client_credentials', scope: 'read' },
      basicAuth(name, issued.body.client_secret),
    ).expect(200);
    return decodeJwtPart(token.body.access_token, 1).sub as string;
  };

  it("refuses to create an API user whose name is a person's id (or spelt like any user id)", async () => {
    for (const username of [dana.id, dana.id.toUpperCase(), '00000000-0000-4000-8000-000000000000']) {
      const created = await asManager('post', '/api/admin/users', { username, kind: 'api', roles: ['R10 Readers'] });
      expect([username, created.status, created.body.target]).toEqual([username, 400, 'username']);
    }
  });

  it("refuses to rename an API user to a person's id, and its tokens keep their own sub", async () => {
    const name = unique('integration');
    const created = await asManager('post', '/api/admin/users', {
      username: name,
      kind: 'api',
      roles: ['R10 Readers'],
      oauth2_enabled: true,
    }).expect(201);
    const erin = await createPerson(t);
    const renamed = await asManager('patch', `/api/admin/users/${created.body.id}`, { username: erin.id });
    expect([renamed.status, renamed.body.target]).toEqual([400, 'username']);
    expect(await subOfApiUser(created.body.id, name)).toBe(name);
  });

  it('keeps names that only look partly like an id', async () => {
    const username = `${dana.id}-sync`;
    await asManager('post', '/api/admin/users', { username, kind: 'api', roles: ['R10 Readers'] }).expect(201);
  });
});

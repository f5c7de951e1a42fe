import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import {
  basicAuth,
  codeGrantTokens,
  createPerson,
  form,
  loginToken,
  registerApp,
  RegisteredApp,
  TokenResponse,
  unique,
} from '../support/flows';

/**
 * R06 (low). A token acts with the scopes it was issued ∩ its owner's current ones: the resource API
 * and `/api/me` narrowed it at once when an administrator took a scope from the owner's role, but
 * introspection answered the scopes written in the token, so a resource server that introspects
 * (F9) honoured the removed scope until the token expired. Seen failing on 9d985cb (found by a
 * review session): after `write` was taken from the role, introspection still said "read write".
 */
describe('R06: introspection answers the scopes a token acts with now, not those it was issued', () => {
  let t: TestApp;
  let app: RegisteredApp;
  let tokens: TokenResponse;
  let role: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    role = unique('Sync ');
    await request(t.url)
      .post('/api/admin/roles')
      .set(admin)
      .send({ name: role, scopes: ['read', 'write', 'account'] })
      .expect(201);
    const person = await createPerson(t, { roles: [role] });
    app = await registerApp(t, person.username, { scopes: ['read', 'write'] });
    tokens = await codeGrantTokens(t, app, await loginToken(t, person), 'read write');
  });
  afterAll(async () => {
    await t?.close();
  });

  const introspect = (token: string) =>
    request(t.url)
      .post('/oauth2/introspect')
      .set('Authorization', basicAuth(app.client_id, app.client_secret!))
      .type('form')
      .send(form({ token }))
      .expect(200);

  it('drops a scope taken from the owner from the access and the refresh token answers', async () => {
    expect((await introspect(tokens.access_token)).body).toMatchObject({ active: true, scope: 'read write' });
    await request(t.url)
      .patch(`/api/admin/roles/${encodeURIComponent(role)}`)
      .set(admin)
      .send({ scopes: ['read', 'account'] })
      .expect(200);
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${tokens.access_token}`).expect(200);
    expect(me.body.scopes).toEqual(['read']);
    expect((await introspect(tokens.access_token)).body).toMatchObject({ active: true, scope: 'read' });
    expect((await introspect(tokens.refresh_token!)).body).toMatchObject({ active: true, scope: 'read' });
  });
});

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, codeGrantTokens, createPerson, form, loginToken, registerApp, RegisteredApp, TokenResponse } from '../support/flows';

/**
 * F9. Introspection is for resource servers. Seen failing on 53c0d1b: any confidential client
 * (anyone can register one) introspected another client's access token (200 `active: true` with
 * the person's username and scopes) and its refresh token. Now: a client introspects its own
 * tokens; an administrator marks resource servers (`PATCH /api/admin/apps/:clientId
 * {"introspection": true}`, audited), which may introspect access tokens of every client; refresh
 * tokens only ever by their own client. Anyone else gets RFC 7662 §2.2's `{"active": false}`.
 */
describe("F9: only resource servers marked by an administrator introspect other clients' tokens", () => {
  let t: TestApp;
  let adminCookie: string;
  let victimApp: RegisteredApp;
  let tokens: TokenResponse;
  let snoop: RegisteredApp;
  let resourceServer: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    adminCookie = await sessionCookieFor(t, ADMIN.username);
    const owner = await createPerson(t);
    const mallory = await createPerson(t);
    const person = await createPerson(t);
    victimApp = await registerApp(t, owner.username);
    tokens = await codeGrantTokens(t, victimApp, await loginToken(t, person), 'read');
    snoop = await registerApp(t, mallory.username);
    resourceServer = await registerApp(t, owner.username, { grant_types: ['client_credentials'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const introspect = (app: RegisteredApp, token: string) =>
    request(t.url)
      .post('/oauth2/introspect')
      .set('Authorization', basicAuth(app.client_id, app.client_secret!))
      .type('form')
      .send(form({ token }))
      .expect(200);
  const mark = (clientId: string, body: object, cookie = adminCookie) =>
    request(t.url).patch(`/api/admin/apps/${clientId}`).set(consoleHeaders(t, cookie)).send(body);

  it("answers {active:false} to a self-registered client asking about another client's tokens", async () => {
    expect((await introspect(snoop, tokens.access_token)).body).toEqual({ active: false });
    expect((await introspect(snoop, tokens.refresh_token!)).body).toEqual({ active: false });
  });

  it('lets a client introspect its own access and refresh tokens', async () => {
    expect((await introspect(victimApp, tokens.access_token)).body).toMatchObject({
      active: true,
      client_id: victimApp.client_id,
      scope: 'read',
    });
    expect((await introspect(victimApp, tokens.refresh_token!)).body).toMatchObject({
      active: true,
      client_id: victimApp.client_id,
      token_type: 'refresh_token',
    });
  });

  it('lets only an administrator mark a resource server, and audits it', async () => {
    const someone = await createPerson(t);
    await mark(resourceServer.client_id, { introspection: true }, await sessionCookieFor(t, someone.username)).expect(403);
    await mark(resourceServer.client_id, { introspection: 'yes' }).expect(400);
    await mark('no-such-client', { introspection: true }).expect(404);
    const marked = await mark(resourceServer.client_id, { introspection: true }).expect(200);
    expect(marked.body).toEqual({ client_id: resourceServer.client_id, name: expect.any(String), introspection: true });
    const audited = await t.dataSource.query('SELECT event, target, details FROM audit_events WHERE event = ?', [
      'app.introspection_changed',
    ]);
    expect(audited).toEqual([
      { event: 'app.introspection_changed', target: resourceServer.client_id, details: JSON.stringify({ introspection: true }) },
    ]);
  });

  it("lets a marked resource server introspect every client's access tokens, never their refresh tokens", async () => {
    expect((await introspect(resourceServer, tokens.access_token)).body).toMatchObject({
      active: true,
      client_id: victimApp.client_id,
      scope: 'read',
    });
    expect((await introspect(resourceServer, tokens.refresh_token!)).body).toEqual({ active: false });
    await mark(resourceServer.client_id, { introspection: false }).expect(200);
    expect((await introspect(resourceServer, tokens.access_token)).body).toEqual({ active: false });
  });
});

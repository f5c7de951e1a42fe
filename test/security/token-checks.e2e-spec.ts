import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { basicAuth, bearer, codeGrantTokens, createPerson, form, loginToken, registerApp } from './support/flows';

/**
 * Issue 11, rule 3: one "is this token usable" check per token type. The Bearer verifier,
 * introspection, revocation and the refresh grant all ask AccessTokenCheck / RefreshTokenCheck,
 * so they never disagree about a token, and revocation acts on every token Tessera issued, usable
 * or not (a token revoked while its owner is disabled stays dead when the owner comes back).
 * Issue 16: disabling a user is a not-before time, so its access tokens from before stay refused
 * after it comes back. R07: the disable also revokes its grants, so its refresh tokens from before
 * stay refused too (they once worked again: a thief's refresh token came back with the person).
 */
describe('one usable check per token type', () => {
  let t: TestApp;
  let adminCookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    adminCookie = await sessionCookieFor(t, ADMIN.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  const setDisabled = (id: string, disabled: boolean) =>
    request(t.url).patch(`/api/admin/users/${id}`).set(consoleHeaders(t, adminCookie)).send({ disabled }).expect(200);

  it("agrees at the verifier, introspection and the refresh grant, and revocation still ends a disabled owner's tokens", async () => {
    const owner = await createPerson(t);
    const person = await createPerson(t);
    const app = await registerApp(t, owner.username);
    const client = basicAuth(app.client_id, app.client_secret!);
    const kept = await codeGrantTokens(t, app, await loginToken(t, person), 'read');
    const revoked = await codeGrantTokens(t, app, await loginToken(t, person), 'read');
    const introspect = async (token: string) =>
      (await request(t.url).post('/oauth2/introspect').set('Authorization', client).type('form').send(form({ token })).expect(200)).body
        .active;

    await setDisabled(person.id, true);
    await request(t.url).get('/api/me').set('Authorization', bearer(kept.access_token)).expect(401);
    expect([await introspect(kept.access_token), await introspect(kept.refresh_token!)]).toEqual([false, false]);
    await request(t.url)
      .post('/oauth2/revoke')
      .set('Authorization', client)
      .type('form')
      .send(form({ token: revoked.access_token }))
      .expect(200);

    await setDisabled(person.id, false);
    await request(t.url).get('/api/me').set('Authorization', bearer(kept.access_token)).expect(401);
    expect([await introspect(kept.access_token), await introspect(kept.refresh_token!)]).toEqual([false, false]);
    const stale = await request(t.url)
      .post('/oauth2/token')
      .set('Authorization', client)
      .type('form')
      .send(form({ grant_type: 'refresh_token', refresh_token: kept.refresh_token }))
      .expect(400);
    expect(stale.body.error).toBe('invalid_grant');
    const renewed = await codeGrantTokens(t, app, await loginToken(t, person), 'read');
    await request(t.url).get('/api/me').set('Authorization', bearer(renewed.access_token)).expect(200);
    expect([await introspect(renewed.access_token), await introspect(renewed.refresh_token!)]).toEqual([true, true]);
    await request(t.url).get('/api/me').set('Authorization', bearer(revoked.access_token)).expect(401);
    expect([await introspect(revoked.access_token), await introspect(revoked.refresh_token!)]).toEqual([false, false]);
    const refresh = await request(t.url)
      .post('/oauth2/token')
      .set('Authorization', client)
      .type('form')
      .send(form({ grant_type: 'refresh_token', refresh_token: revoked.refresh_token }))
      .expect(400);
    expect(refresh.body.error).toBe('invalid_grant');
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, codeGrantTokens, createPerson, form, loginToken, registerApp, RegisteredApp } from '../support/flows';

/**
 * F11. A refresh asking for a scope outside the grant rotated the refresh token before it checked
 * the scope, then failed: the client's only refresh token was burnt without a successor, and a
 * thief replaying the stolen original could never trip reuse detection. Seen failing on 9397ed9:
 * after the refused refresh (400 invalid_scope) the same refresh token answered 400 invalid_grant
 * ("just used by a concurrent request") instead of 200.
 */
describe('F11: a refresh with a scope outside the grant is refused before the token is rotated', () => {
  let t: TestApp;
  let app: RegisteredApp;
  let userToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createPerson(t);
    app = await registerApp(t, owner.username);
    userToken = await loginToken(t, await createPerson(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  const refresh = (refreshToken: string, scope?: string) =>
    request(t.url)
      .post('/oauth2/token')
      .set('Authorization', basicAuth(app.client_id, app.client_secret!))
      .type('form')
      .send(form({ grant_type: 'refresh_token', refresh_token: refreshToken, scope }));

  it('keeps the refresh token usable after refusing a wider scope, so reuse detection still works', async () => {
    const tokens = await codeGrantTokens(t, app, userToken, 'read');
    const wider = await refresh(tokens.refresh_token!, 'read openid');
    expect({ status: wider.status, body: wider.body }).toEqual({
      status: 400,
      body: { error: 'invalid_scope', error_description: expect.stringContaining('openid') },
    });
    const [{ rotated }] = await t.dataSource.query(
      'SELECT COUNT(*) AS rotated FROM refresh_tokens WHERE rotated_at IS NOT NULL AND client_id = ?',
      [app.client_id],
    );
    expect(Number(rotated)).toBe(0);

    const next = await refresh(tokens.refresh_token!).expect(200);
    expect(next.body.scope).toBe('read');
    const replay = await refresh(tokens.refresh_token!).expect(400);
    expect(replay.body).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token was already used; every token of this grant has been revoked',
    });
    await request(t.url).get('/api/me').set('Authorization', bearer(next.body.access_token)).expect(401);
  });

  it('refuses an unknown scope the same way, before rotating', async () => {
    const tokens = await codeGrantTokens(t, app, userToken, 'read');
    expect((await refresh(tokens.refresh_token!, 'read nonsense').expect(400)).body.error).toBe('invalid_scope');
    await refresh(tokens.refresh_token!, 'read').expect(200);
  });
});

import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, codeGrantTokens, createPerson, loginToken, registerApp, RegisteredApp, tokenRequest } from '../support/flows';

/**
 * Rule 1 (scope-down) for a token from a refresh: nothing exchanged carries more than the principal
 * asking holds at that moment. The client asks a refresh; when its owner has narrowed what the
 * application may hold, the next refresh is narrowed too, as the owner's own rights already were.
 * Seen failing on 9c0a2f1: after the app's scopes went from `read openid` to `openid`, a refresh
 * still answered `read openid`.
 */
describe('a refresh never outgrows the application it is made for, as it stands now', () => {
  let t: TestApp;
  let app: RegisteredApp;
  let ownerToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    ownerToken = await loginToken(t, ADMIN);
    app = await registerApp(t, ADMIN.username, { scopes: ['read', 'openid'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('narrows the refreshed token to the application scopes after its owner narrowed them', async () => {
    const person = await createPerson(t);
    const first = await codeGrantTokens(t, app, await loginToken(t, person), 'read openid');
    expect(first.scope).toBe('read openid');
    await request(t.url)
      .patch(`/api/apps/${app.client_id}`)
      .set('Authorization', bearer(ownerToken))
      .send({ scopes: ['openid'] })
      .expect(200);
    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: first.refresh_token },
      basicAuth(app.client_id, app.client_secret!),
    ).expect(200);
    expect(refreshed.body.scope).toBe('openid');
    const read = await request(t.url).get('/api/me').set('Authorization', bearer(refreshed.body.access_token)).expect(200);
    expect(read.body.scopes).toEqual(['openid']);
  });
});

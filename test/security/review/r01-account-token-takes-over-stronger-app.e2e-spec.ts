import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, consentThroughPage, pkcePair, REDIRECT_URI, registerApp, tokenRequest } from '../support/flows';

/**
 * R01 (high). An administrator allows a third-party application "read account" ("Create
 * applications and API keys in your name"). Scope-down is checked when an application is created
 * or its `scopes` are changed, but not when an existing, stronger application of the person is
 * taken over: the third-party token lists the administrator's apps, rotates the secret of one that
 * carries `admin` (or adds `client_credentials` to it first) and its client_credentials token is an
 * administrator's. Nothing that is changed or exchanged may carry more than the principal asking.
 */
describe('R01: an account-scoped third-party token cannot take over a stronger application of the person', () => {
  let t: TestApp;
  let thirdParty: string;
  let automation: { client_id: string };
  let signIn: { client_id: string };

  beforeAll(async () => {
    t = await startTestApp();
    // The administrator's own applications, made in the console: one machine client, one sign-in app.
    automation = await registerApp(t, ADMIN.username, {
      name: 'Nightly automation',
      grant_types: ['client_credentials'],
      scopes: ['admin', 'read', 'write'],
    });
    signIn = await registerApp(t, ADMIN.username, {
      name: 'Admin sign-in',
      grant_types: ['authorization_code'],
      scopes: ['admin', 'read', 'openid'],
    });
    // A third-party application the administrator allows "read account".
    const tool = await registerApp(t, ADMIN.username, { name: 'Key helper', scopes: ['read', 'account'] });
    const { verifier, challenge } = pkcePair();
    const location = await consentThroughPage(t, ADMIN.username, {
      client_id: tool.client_id,
      scope: 'read account',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = new URL(location).searchParams.get('code')!;
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(tool.client_id, tool.client_secret!),
    ).expect(200);
    expect(exchanged.body.scope).toBe('read account');
    thirdParty = exchanged.body.access_token;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The scopes of a client_credentials token for the app, with the secret the attacker got (none when refused). */
  const ccScopes = async (clientId: string, secret: string | undefined): Promise<string[]> => {
    if (!secret) return [];
    const cc = await tokenRequest(t, { grant_type: 'client_credentials' }, basicAuth(clientId, secret));
    return cc.status === 200 ? cc.body.scope.split(' ') : [];
  };

  it("refuses to rotate the secret of the person's application that carries admin", async () => {
    const rotated = await request(t.url).post(`/api/apps/${automation.client_id}/secret`).set('Authorization', bearer(thirdParty));
    expect(await ccScopes(automation.client_id, rotated.body.client_secret)).not.toContain('admin');
    expect(rotated.status).toBe(403);
    expect(rotated.body.client_secret).toBeUndefined();
  });

  it('refuses to turn an admin sign-in application into a machine client and take its secret', async () => {
    const patched = await request(t.url)
      .patch(`/api/apps/${signIn.client_id}`)
      .set('Authorization', bearer(thirdParty))
      .send({ grant_types: ['authorization_code', 'client_credentials'] });
    const rotated = await request(t.url).post(`/api/apps/${signIn.client_id}/secret`).set('Authorization', bearer(thirdParty));
    expect(await ccScopes(signIn.client_id, rotated.body.client_secret)).not.toContain('admin');
    expect([patched.status, rotated.status]).toEqual([403, 403]);
  });

  it("refuses to point the person's admin-carrying application at another redirect URI", async () => {
    const patched = await request(t.url)
      .patch(`/api/apps/${signIn.client_id}`)
      .set('Authorization', bearer(thirdParty))
      .send({ redirect_uris: ['https://attacker.example/cb'] });
    expect(patched.status).toBe(403);
  });
});

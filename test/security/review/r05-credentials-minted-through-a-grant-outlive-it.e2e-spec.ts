import request from 'supertest';
import { sessionCookieFor, consoleHeaders } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  authorizationCode,
  basicAuth,
  bearer,
  consentThroughPage,
  createPerson,
  Person,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  tokenRequest,
  unique,
} from '../support/flows';

/**
 * R05 (medium). Dana allows a third-party application X "read account". With X's token, X
 * (1) mints a code on the Bearer authorization path for another application Y of its maker's, and
 * exchanges it for a 90-day refresh token; (2) creates a PAT in Dana's name. The Bearer path
 * records no consent (F7), and `/api/grants` lists consents, not grants: Dana's list never shows Y,
 * so she cannot withdraw it. When she withdraws X, X's tokens end, but Y's grant and the PAT,
 * minted with X's grant, go on. A credential must not outlive the grant it was minted with, and
 * every grant acting for a person must be one she can see and withdraw.
 */
describe('R05: what a grant minted ends with it, and every grant is visible to its person', () => {
  let t: TestApp;
  let dana: Person;
  let x: { client_id: string; client_secret?: string };
  let y: { client_id: string; client_secret?: string };
  let xToken: string;

  const asDana = async () => consoleHeaders(t, await sessionCookieFor(t, dana.username));

  beforeAll(async () => {
    t = await startTestApp();
    dana = await createPerson(t, { username: unique('dana') });
    const maker = await createPerson(t, { username: unique('maker') });
    x = await registerApp(t, maker.username, { name: 'Key helper', scopes: ['read', 'account'] });
    y = await registerApp(t, maker.username, { name: 'Quiet sync', scopes: ['read'] });
    xToken = await consentToX();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Dana consents to X for "read account"; X's access token. */
  const consentToX = async () => {
    const { verifier, challenge } = pkcePair();
    const location = await consentThroughPage(t, dana.username, {
      client_id: x.client_id,
      scope: 'read account',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const exchanged = await tokenRequest(
      t,
      {
        grant_type: 'authorization_code',
        code: new URL(location).searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      },
      basicAuth(x.client_id, x.client_secret!),
    ).expect(200);
    return exchanged.body.access_token as string;
  };

  const withdrawX = async () => {
    const headers = await asDana();
    const grants = await request(t.url).get('/api/grants').set(headers).expect(200);
    const grantOfX = grants.body.find((grant: { client_id: string }) => grant.client_id === x.client_id);
    await request(t.url).delete(`/api/grants/${grantOfX.id}`).set(headers).expect(204);
  };

  /** X mints, with Dana's "read account" token, a grant for Y on the Bearer path and a PAT. */
  const mint = async () => {
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(t, xToken, {
      client_id: y.client_id,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const yTokens = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(y.client_id, y.client_secret!),
    ).expect(200);
    const pat = await request(t.url)
      .post('/api/keys')
      .set('Authorization', bearer(xToken))
      .send({ name: 'sync', type: 'personal_token', scopes: ['read'] })
      .expect(201);
    return { refresh: yTokens.body.refresh_token as string, access: yTokens.body.access_token as string, pat: pat.body.key as string };
  };

  it("lists the grant made on the Bearer path among Dana's authorized applications", async () => {
    await mint();
    const grants = await request(t.url)
      .get('/api/grants')
      .set(await asDana())
      .expect(200);
    expect(grants.body.map((grant: { client_id: string }) => grant.client_id)).toContain(y.client_id);
  });

  it('ends the grant and the PAT minted with X when Dana withdraws X', async () => {
    const minted = await mint();
    await withdrawX();
    await request(t.url).get('/api/me').set('Authorization', bearer(xToken)).expect(401);

    await request(t.url).get('/api/me').set('Authorization', bearer(minted.access)).expect(401);
    await request(t.url).get('/api/me').set('Authorization', bearer(minted.pat)).expect(401);
    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: minted.refresh },
      basicAuth(y.client_id, y.client_secret!),
    );
    expect(refreshed.status).toBe(400);
  });

  it('refuses a code minted with X once X is withdrawn, and deletes the application X made in her name', async () => {
    xToken = await consentToX();
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(t, xToken, {
      client_id: y.client_id,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const app = await request(t.url)
      .post('/api/apps')
      .set('Authorization', bearer(xToken))
      .send({ name: 'Made by X', redirect_uris: [REDIRECT_URI], grant_types: ['client_credentials'], scopes: ['read'] })
      .expect(201);
    await tokenRequest(
      t,
      { grant_type: 'client_credentials', scope: 'read' },
      basicAuth(app.body.client_id, app.body.client_secret),
    ).expect(200);

    await withdrawX();

    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(y.client_id, y.client_secret!),
    );
    expect(exchanged.status).toBe(400);
    expect(exchanged.body.error).toBe('invalid_grant');
    const machine = await tokenRequest(
      t,
      { grant_type: 'client_credentials', scope: 'read' },
      basicAuth(app.body.client_id, app.body.client_secret),
    );
    expect(machine.status).toBe(401);
  });
});

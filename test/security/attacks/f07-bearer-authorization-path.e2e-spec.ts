import request from 'supertest';
import { sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  authorizeRequest,
  basicAuth,
  bearer,
  consentThroughPage,
  createPerson,
  decodeJwtPart,
  form,
  loginToken,
  Person,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  RegisteredApp,
  tokenRequest,
} from '../support/flows';

/**
 * F7. The Bearer authorization path (DAS style) gives a code to whoever presents a person's
 * access token. Seen failing on ef13355: a token that app A got with the person's consent for
 * `read openid` got a code for app B (302), with no consent asked; the code was exchanged for a
 * 90-day refresh token, a consent row for B was recorded (so the person's next browser flow for B
 * was silent), and the code's auth_time was the time of the request, not of the sign-in.
 */
describe("F7: the Bearer authorization path needs account, records no consent and keeps the token's auth_time", () => {
  let t: TestApp;
  let victim: Person;
  let appA: RegisteredApp;
  let appB: RegisteredApp;
  let tokenOfA: string;

  beforeAll(async () => {
    t = await startTestApp();
    const mallory = await createPerson(t);
    victim = await createPerson(t);
    appA = await registerApp(t, mallory.username, { scopes: ['read', 'openid'] });
    appB = await registerApp(t, mallory.username, { scopes: ['read', 'openid'] });
    const { verifier, challenge } = pkcePair();
    const location = await consentThroughPage(t, victim.username, {
      client_id: appA.client_id,
      scope: 'read openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = new URL(location).searchParams.get('code')!;
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(appA.client_id, appA.client_secret!),
    ).expect(200);
    expect(exchanged.body.scope).toBe('read openid');
    tokenOfA = exchanged.body.access_token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const consentsFor = async (clientId: string) =>
    Number(
      (await t.dataSource.query('SELECT COUNT(*) AS n FROM consents WHERE user_id = ? AND client_id = ?', [victim.id, clientId]))[0].n,
    );

  it("refuses another application's token without account: 403 insufficient_scope, no code, no consent", async () => {
    const res = await authorizeRequest(t, tokenOfA, { client_id: appB.client_id, scope: 'read' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'insufficient_scope', error_description: expect.stringContaining('account') });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="Tessera", error="insufficient_scope", scope="account"');
    expect(res.headers.location).toBeUndefined();
    expect(await consentsFor(appB.client_id)).toBe(0);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM authorization_codes WHERE client_id = ?', [appB.client_id]);
    expect(Number(n)).toBe(0);
  });

  it("gives the person's own token (with account) a code, but records no consent: the browser flow still asks", async () => {
    const own = await loginToken(t, victim);
    const res = await authorizeRequest(t, own, { client_id: appB.client_id, scope: 'read' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.location).searchParams.get('code')).toEqual(expect.any(String));
    expect(await consentsFor(appB.client_id)).toBe(0);
    const page = await request(t.url)
      .get(
        `/oauth2/authorize?${form({ response_type: 'code', client_id: appB.client_id, redirect_uri: REDIRECT_URI, scope: 'read', state: 's', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' })}`,
      )
      .set('Cookie', await sessionCookieFor(t, victim.username))
      .redirects(0);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<form method="post" action="\/consent">/);
  });

  it('never puts in the code a scope the Bearer token does not carry', async () => {
    const narrow = (
      await request(t.url)
        .post('/consumer/login')
        .send({ username: victim.username, password: victim.password, scope: 'account read' })
        .expect(200)
    ).body.token;
    const { verifier, challenge } = pkcePair();
    const res = await authorizeRequest(t, narrow, {
      client_id: appB.client_id,
      scope: 'read openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(res.status).toBe(302);
    const code = new URL(res.headers.location).searchParams.get('code')!;
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(appB.client_id, appB.client_secret!),
    ).expect(200);
    expect(exchanged.body.scope).toBe('read');
  });

  it("dates the code's auth_time from the Bearer token's sign-in, not from the request", async () => {
    const own = await loginToken(t, victim);
    const signedInAt = new Date('2026-01-02T03:04:05.000Z');
    // The token names its grant (`gid`, issue 16: access tokens have no row).
    await t.dataSource.query('UPDATE grants SET auth_time = ? WHERE id = ?', ['2026-01-02 03:04:05.000', decodeJwtPart(own, 1).gid]);
    const { verifier, challenge } = pkcePair();
    const res = await authorizeRequest(t, own, {
      client_id: appB.client_id,
      scope: 'openid read',
      nonce: 'n-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).expect(302);
    const code = new URL(res.headers.location).searchParams.get('code')!;
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(appB.client_id, appB.client_secret!),
    ).expect(200);
    expect(decodeJwtPart(exchanged.body.id_token, 1).auth_time).toBe(signedInAt.getTime() / 1000);
  });

  it("falls back to the token's iat when its grant has no sign-in time", async () => {
    const own = await loginToken(t, victim);
    await t.dataSource.query('UPDATE grants SET auth_time = NULL WHERE id = ?', [decodeJwtPart(own, 1).gid]);
    const { verifier, challenge } = pkcePair();
    const res = await authorizeRequest(t, own, {
      client_id: appB.client_id,
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).expect(302);
    const code = new URL(res.headers.location).searchParams.get('code')!;
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(appB.client_id, appB.client_secret!),
    ).expect(200);
    expect(decodeJwtPart(exchanged.body.id_token, 1).auth_time).toBe(decodeJwtPart(own, 1).iat);
  });

  it('sends a token that is not a usable person token away with 401 invalid_token', async () => {
    const res = await authorizeRequest(t, `${tokenOfA}x`, { client_id: appB.client_id });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_token');
    await request(t.url).get('/api/me').set('Authorization', bearer(tokenOfA)).expect(200);
  });
});

import request from 'supertest';
import { sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import {
  authorizationCode,
  authorizeRequest,
  basicAuth,
  bearer,
  cookiesFrom,
  createPerson,
  formsOf,
  loginToken,
  Person,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  RegisteredApp,
  tokenRequest,
} from './support/flows';

/**
 * The authorization code grant against RFC 9700 §2.1, §4.1, §4.2.4, §4.5, §4.8 and OWASP ASVS 5.0
 * V10.4 (see docs/security.md). One test per item of issue 7's security suite.
 */
describe('authorization code security', () => {
  let t: TestApp;
  let alice: Person;
  let aliceToken: string;
  let app: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await createPerson(t);
    aliceToken = await loginToken(t, alice);
    app = await registerApp(t, alice.username, { redirect_uris: [REDIRECT_URI, 'https://app.example.com/other'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const exchange = (client: RegisteredApp, code: string, verifier: string, redirectUri = REDIRECT_URI) =>
    tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
      basicAuth(client.client_id, client.client_secret!),
    );

  const codeFor = async (client: RegisteredApp, challenge: string, redirectUri = REDIRECT_URI) =>
    authorizationCode(t, aliceToken, {
      client_id: client.client_id,
      redirect_uri: redirectUri,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });

  it('refuses a replayed code and revokes the tokens its first use issued', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(app, challenge);
    const first = await exchange(app, code, verifier).expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(first.body.access_token)).expect(200);

    const replay = await exchange(app, code, verifier);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');

    await request(t.url).get('/api/me').set('Authorization', bearer(first.body.access_token)).expect(401);
    if (first.body.refresh_token) {
      const refresh = await tokenRequest(
        t,
        { grant_type: 'refresh_token', refresh_token: first.body.refresh_token },
        basicAuth(app.client_id, app.client_secret!),
      );
      expect(refresh.status).toBe(400);
      expect(refresh.body.error).toBe('invalid_grant');
    }
  });

  it('binds a code to its client, its redirect URI and its PKCE challenge', async () => {
    const other = await registerApp(t, alice.username);
    const attempts: [string, (code: string, verifier: string) => ReturnType<typeof exchange>][] = [
      ['another client', (code, verifier) => exchange(other, code, verifier)],
      ['another registered redirect URI', (code, verifier) => exchange(app, code, verifier, 'https://app.example.com/other')],
      ['another verifier', (code) => exchange(app, code, pkcePair().verifier)],
      [
        'no verifier',
        (code) =>
          tokenRequest(
            t,
            { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
            basicAuth(app.client_id, app.client_secret!),
          ),
      ],
    ];
    for (const [what, attempt] of attempts) {
      const { verifier, challenge } = pkcePair();
      const res = await attempt(await codeFor(app, challenge), verifier);
      expect({ what, status: res.status, error: res.body.error }).toEqual({ what, status: 400, error: 'invalid_grant' });
    }
    const { verifier, challenge } = pkcePair();
    await exchange(app, await codeFor(app, challenge), verifier).expect(200);
  });

  it('matches redirect URIs exactly and never redirects to an unregistered one, nor off-site after login', async () => {
    const tricks = [
      'https://app.example.com/callback/',
      'https://app.example.com/callback/extra',
      'https://app.example.com/callbackx',
      'https://app.example.com/call',
      'https://app.example.com/Callback',
      'https://APP.example.com/callback',
      'https://app.example.com:443/callback',
      'https://app.example.com:8443/callback',
      'http://app.example.com/callback',
      'https://app.example.com/callback#fragment',
      'https://app.example.com/callback?extra=1',
      'https://app.example.com.evil.example/callback',
      'https://app.example.com@evil.example/callback',
      'https://evil.example/callback',
      'https://app.example.com/callback/../evil',
      'https://app.example.com/callback%2F..%2Fevil',
      ' https://app.example.com/callback',
    ];
    for (const redirectUri of tricks) {
      const withToken = await authorizeRequest(t, aliceToken, {
        client_id: app.client_id,
        redirect_uri: redirectUri,
        scope: 'read',
        ...challengeOnly(),
      });
      const anonymous = await request(t.url)
        .get(
          `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.client_id, redirect_uri: redirectUri, scope: 'read', ...challengeOnly() })}`,
        )
        .redirects(0);
      for (const res of [withToken, anonymous]) {
        expect({ redirectUri, status: res.status, location: res.headers.location }).toEqual({
          redirectUri,
          status: 400,
          location: undefined,
        });
      }
    }
    const unknownClient = await authorizeRequest(t, aliceToken, { client_id: 'no-such-client', scope: 'read', ...challengeOnly() });
    expect({ status: unknownClient.status, location: unknownClient.headers.location }).toEqual({ status: 400, location: undefined });

    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example/', 'https:evil.example', 'javascript:alert(1)']) {
      const location = await loginThroughPage(returnTo);
      expect({ returnTo, origin: new URL(location, t.url).origin }).toEqual({ returnTo, origin: t.url });
    }
  });

  it('requires S256 PKCE from public clients, refuses plain, and refuses a verifier without a challenge', async () => {
    const publicApp = await registerApp(t, alice.username, { confidential: false, grant_types: ['authorization_code', 'refresh_token'] });
    // Through a signed-in browser (an anonymous one signs in first: RFC 9700 §4.11.2, review A1). The Bearer (DAS-style)
    // path hands the code straight back to the caller that holds the person's token, with no redirect to intercept:
    // PKCE is optional there.
    const browser = await sessionCookieFor(t, alice.username);
    const refusedAuthorization = async (params: Record<string, string>, userToken?: string) => {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: publicApp.client_id,
        redirect_uri: REDIRECT_URI,
        scope: 'read',
        state: 's',
        ...params,
      });
      const pending = request(t.url).get(`/oauth2/authorize?${query}`).redirects(0);
      const res = await (userToken ? pending.set('Authorization', bearer(userToken)) : pending.set('Cookie', browser));
      if (res.status === 400) return true;
      const location = new URL(res.headers.location ?? 'about:blank');
      return res.status === 302 && location.searchParams.get('error') === 'invalid_request' && !location.searchParams.has('code');
    };
    expect(await refusedAuthorization({})).toBe(true);
    const plain = pkcePair().verifier;
    expect(await refusedAuthorization({ code_challenge: plain, code_challenge_method: 'plain' })).toBe(true);
    expect(await refusedAuthorization({ code_challenge: plain, code_challenge_method: 'plain' }, aliceToken)).toBe(true);
    expect(await refusedAuthorization({ code_challenge_method: 'S256' }, aliceToken)).toBe(true);

    // A confidential client that sent no challenge must not get tokens by sending a verifier (RFC 9700 §2.1.1).
    const noChallenge = await authorizeRequest(t, aliceToken, { client_id: app.client_id, scope: 'read' });
    if (noChallenge.status === 302 && new URL(noChallenge.headers.location).searchParams.get('code')) {
      const code = new URL(noChallenge.headers.location).searchParams.get('code')!;
      const res = await exchange(app, code, pkcePair().verifier);
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    }

    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(t, aliceToken, {
      client_id: publicApp.client_id,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const wrong = await tokenRequest(t, {
      grant_type: 'authorization_code',
      client_id: publicApp.client_id,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkcePair().verifier,
    });
    expect({ status: wrong.status, error: wrong.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    const again = await authorizationCode(t, aliceToken, {
      client_id: publicApp.client_id,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    await tokenRequest(t, {
      grant_type: 'authorization_code',
      client_id: publicApp.client_id,
      code: again,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }).expect(200);
  });

  function challengeOnly(): Record<string, string> {
    return { code_challenge: pkcePair().challenge, code_challenge_method: 'S256' };
  }

  /** Signs in through the login page with `return_to`; the Location it sends the browser to. */
  async function loginThroughPage(returnTo: string): Promise<string> {
    const page = await request(t.url)
      .get(`/login?return_to=${encodeURIComponent(returnTo)}`)
      .expect(200);
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const loginForm = formsOf(page.text).find((f) => f.method === 'post' && 'password' in f.fields);
    if (!loginForm) throw new Error(`no login form on /login: ${page.text.slice(0, 300)}`);
    const action = new URL(loginForm.action || `/login?return_to=${encodeURIComponent(returnTo)}`, `${t.url}/login`);
    const res = await request(t.url)
      .post(action.pathname + action.search)
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .type('form')
      .send(new URLSearchParams({ ...loginForm.fields, username: alice.username, password: alice.password }).toString())
      .redirects(0);
    expect([302, 303]).toContain(res.status);
    return res.headers.location as string;
  }
});

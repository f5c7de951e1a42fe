import { generators, Issuer } from 'openid-client';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { App, createPerson, registerApp } from './oauth-fixtures';

const CALLBACK = 'https://rp.example.com/callback';

/** A certified relying-party library (openid-client 5) against the running server. */
describe('openid-client against Tessera', () => {
  let t: TestApp;
  let person: { id: string; cookie: string };
  let app: App;
  beforeAll(async () => {
    t = await startTestApp();
    person = await createPerson(t, 'ola');
    app = await registerApp(t, person.cookie, { name: 'RP', redirect_uris: [CALLBACK] });
  });
  afterAll(async () => {
    await t.close();
  });

  async function client() {
    const issuer = await Issuer.discover(t.url);
    return new issuer.Client({
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uris: [CALLBACK],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    });
  }

  it('discovers the server and gets client credentials tokens', async () => {
    const issuer = await Issuer.discover(t.url);
    expect(issuer.metadata.issuer).toBe(t.url);
    expect(issuer.metadata.code_challenge_methods_supported).toEqual(['S256']);
    const tokens = await (await client()).grant({ grant_type: 'client_credentials', scope: 'read' });
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toBe('read');
  });

  it('runs the code flow with PKCE and nonce, validates the ID token, refreshes, reads userinfo and revokes', async () => {
    const rp = await client();
    const verifier = generators.codeVerifier();
    const nonce = generators.nonce();
    const state = generators.state();
    const url = new URL(
      rp.authorizationUrl({
        scope: 'openid profile read',
        code_challenge: generators.codeChallenge(verifier),
        code_challenge_method: 'S256',
        nonce,
        state,
      }),
    );
    const page = await request(t.url)
      .get(url.pathname + url.search)
      .set('Cookie', person.cookie)
      .expect(200);
    const fields = Object.fromEntries(
      [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    const allowed = await request(t.url)
      .post('/consent')
      .type('form')
      .set('Cookie', person.cookie)
      .set('Origin', t.url)
      .send({ ...fields, decision: 'allow' })
      .expect(302);

    const tokens = await rp.callback(CALLBACK, rp.callbackParams(allowed.headers.location), { code_verifier: verifier, nonce, state });
    expect(tokens.claims()).toMatchObject({ sub: person.id, aud: app.client_id, nonce, preferred_username: 'ola' });
    expect(tokens.refresh_token).toBeDefined();

    const userinfo = await rp.userinfo(tokens.access_token!);
    expect(userinfo).toEqual({ sub: person.id, preferred_username: 'ola' });

    const refreshed = await rp.refresh(tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await rp.introspect(refreshed.access_token!)).active).toBe(true);

    await rp.revoke(refreshed.refresh_token!, 'refresh_token');
    expect((await rp.introspect(refreshed.access_token!)).active).toBe(false);
    await expect(rp.refresh(refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

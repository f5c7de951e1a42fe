import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, JsonWebKey, KeyObject, sign } from 'node:crypto';
import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import {
  authorizeRequest,
  basicAuth,
  bearer,
  pkcePair,
  REDIRECT_URI,
  codeGrantTokens,
  createPerson,
  decodeJwtPart,
  loginToken,
  Person,
  registerApp,
  RegisteredApp,
  seedSmallDatabases,
  tokenRequest,
} from './support/flows';

/**
 * Refresh tokens, scopes, client authentication and JWT validation against RFC 9700 §2.2.2, §2.3,
 * §4.14, RFC 6749 §2.3/§6, RFC 8725 and OWASP ASVS 5.0 V10.3/V10.4 (see docs/security.md).
 */
describe('token security', () => {
  let t: TestApp;
  let alice: Person;
  let aliceToken: string;
  let app: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedSmallDatabases(t);
    alice = await createPerson(t, { databaseAccess: { '01': 'write' } });
    aliceToken = await loginToken(t, alice);
    // Registered by the administrator, who holds write: an app never holds more than its creator (scope-down).
    app = await registerApp(t, ADMIN.username, { scopes: ['read', 'write', 'openid'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const appAuth = () => basicAuth(app.client_id, app.client_secret!);
  const me = (token: string) => request(t.url).get('/api/me').set('Authorization', bearer(token));

  it('revokes the whole grant when a rotated refresh token is presented again', async () => {
    const first = await codeGrantTokens(t, app, aliceToken);
    expect(first.refresh_token).toEqual(expect.any(String));
    const rotated = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, appAuth()).expect(200);
    expect(rotated.body.refresh_token).not.toBe(first.refresh_token);
    await me(rotated.body.access_token).expect(200);

    const reuse = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, appAuth());
    expect({ status: reuse.status, error: reuse.body.error }).toEqual({ status: 400, error: 'invalid_grant' });

    const successor = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token }, appAuth());
    expect({ status: successor.status, error: successor.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    await me(rotated.body.access_token).expect(401);
    await me(first.access_token).expect(401);
  });

  it('never widens scopes: not past the user, the client, or the original grant', async () => {
    // alice is a Consumer (read openid profile email): a code grant asking for write gets no write.
    const { verifier, challenge } = pkcePair();
    const authorized = await authorizeRequest(t, aliceToken, {
      client_id: app.client_id,
      scope: 'read write',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(authorized.status).toBe(302);
    const redirect = new URL(authorized.headers.location);
    if (redirect.searchParams.get('error') !== 'invalid_scope') {
      const asked = await tokenRequest(
        t,
        { grant_type: 'authorization_code', code: redirect.searchParams.get('code')!, redirect_uri: REDIRECT_URI, code_verifier: verifier },
        appAuth(),
      ).expect(200);
      expect(asked.body.scope.split(' ')).not.toContain('write');
      expect(String(decodeJwtPart(asked.body.access_token, 1).scope).split(' ')).not.toContain('write');
      const write = await request(t.url)
        .post('/api/database/01/rooms')
        .set('Authorization', bearer(asked.body.access_token))
        .send({ number: 'X-1', name: 'Widened', status: 'planned' });
      expect(write.status).toBe(403);
    }

    // A refresh may narrow the grant, never add to it (RFC 6749 §6).
    const readOnly = await codeGrantTokens(t, app, aliceToken, 'read');
    const wider = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: readOnly.refresh_token, scope: 'read openid' },
      appAuth(),
    );
    expect({ status: wider.status, error: wider.body.error }).toEqual({ status: 400, error: 'invalid_scope' });

    // client_credentials: requested ∩ client's allowed ∩ owner's; admin is none of them.
    const cc = await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read admin' }, appAuth());
    if (cc.status === 200) expect(cc.body.scope.split(' ')).not.toContain('admin');
    else expect({ status: cc.status, error: cc.body.error }).toEqual({ status: 400, error: 'invalid_scope' });
    const unknown = await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read superuser' }, appAuth());
    expect({ status: unknown.status, error: unknown.body.error }).toEqual({ status: 400, error: 'invalid_scope' });
  });

  it('refuses a token request that authenticates the client in two ways at once', async () => {
    const res = await tokenRequest(
      t,
      { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read' },
      appAuth(),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.access_token).toBeUndefined();
  });

  it('refuses a body client_id that differs from the client in Basic', async () => {
    const other = await registerApp(t, alice.username);
    const res = await tokenRequest(t, { grant_type: 'client_credentials', client_id: other.client_id, scope: 'read' }, appAuth());
    expect([400, 401]).toContain(res.status);
    expect(['invalid_request', 'invalid_client']).toContain(res.body.error);
    expect(res.body.access_token).toBeUndefined();
  });

  it('refuses forged JWTs: alg none, HS256 with the public key, unknown kid, foreign key, wrong iss or aud, expired', async () => {
    const real = aliceToken;
    await me(real).expect(200);
    const header = decodeJwtPart(real, 0);
    const claims = decodeJwtPart(real, 1);
    const jwks = (await request(t.url).get('/oauth2/jwks').expect(200)).body as { keys: (JsonWebKey & { kid: string })[] };
    const published = jwks.keys.find((key) => key.kid === header.kid)!;
    expect(published).toBeDefined();
    const publicPem = createPublicKey({ key: published, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const now = Math.floor(Date.now() / 1000);

    const forgeries: Record<string, string> = {
      'alg none': jwt({ ...header, alg: 'none' }, claims, () => ''),
      'alg none, no kid': jwt({ alg: 'none', typ: header.typ }, claims, () => ''),
      'HS256 with the public key (PEM)': jwt({ ...header, alg: 'HS256' }, claims, (input) =>
        createHmac('sha256', publicPem).update(input).digest('base64url'),
      ),
      'HS256 with the public key (JWK)': jwt({ ...header, alg: 'HS256' }, claims, (input) =>
        createHmac('sha256', JSON.stringify(published)).update(input).digest('base64url'),
      ),
      'unknown kid': jwt({ ...header, kid: 'no-such-kid' }, claims, es256(foreign)),
      'real kid, foreign key': jwt(header, claims, es256(foreign)),
      'tampered claims': `${real.split('.')[0]}.${b64({ ...claims, scope: 'read write admin' })}.${real.split('.')[2]}`,
    };
    const signingKey = await realSigningKey(header.kid);
    if (signingKey) {
      // With the real key the only thing wrong is the claim under test; the control proves the forging works.
      expect((await me(jwt(header, claims, es256(signingKey)))).status).toBe(200);
      Object.assign(forgeries, {
        'wrong iss': jwt(header, { ...claims, iss: 'https://evil.example' }, es256(signingKey)),
        'wrong aud': jwt(header, { ...claims, aud: 'https://other-resource.example' }, es256(signingKey)),
        expired: jwt(header, { ...claims, iat: now - 7200, exp: now - 3600 }, es256(signingKey)),
        'wrong typ': jwt({ ...header, typ: 'JWT' }, claims, es256(signingKey)),
      });
    }
    for (const [what, token] of Object.entries(forgeries)) {
      const res = await me(token);
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
      expect(res.headers['www-authenticate']).toContain('invalid_token');
    }
    expect(signingKey).not.toBeNull();
  });

  it('accepts typ application/at+jwt like at+jwt (RFC 9068 §4, media types compare case-insensitively) and nothing else', async () => {
    const header = decodeJwtPart(aliceToken, 0);
    const claims = decodeJwtPart(aliceToken, 1);
    const signingKey = await realSigningKey(header.kid);
    expect(signingKey).not.toBeNull();
    for (const typ of ['application/at+jwt', 'Application/AT+JWT', 'AT+JWT']) {
      const res = await me(jwt({ ...header, typ }, claims, es256(signingKey!)));
      expect({ typ, status: res.status }).toEqual({ typ, status: 200 });
    }
    for (const typ of ['application/jwt', 'application/at+jwt; x=1', 'application/at+jwt+x', 'text/at+jwt']) {
      const res = await me(jwt({ ...header, typ }, claims, es256(signingKey!)));
      expect({ typ, status: res.status }).toEqual({ typ, status: 401 });
    }
  });

  /** The private signing key from the database (stored unencrypted when TESSERA_SECRET is unset). */
  async function realSigningKey(kid: string): Promise<KeyObject | null> {
    const rows = (await t.dataSource.query('SELECT private_key, encrypted FROM signing_keys WHERE kid = ?', [kid])) as {
      private_key: string;
      encrypted: unknown;
    }[];
    if (rows.length === 0 || Number(rows[0].encrypted) === 1) return null;
    const stored = rows[0].private_key;
    try {
      if (stored.trim().startsWith('{')) return createPrivateKey({ key: JSON.parse(stored), format: 'jwk' });
      if (stored.includes('-----BEGIN')) return createPrivateKey(stored);
      return createPrivateKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'pkcs8' });
    } catch {
      return null;
    }
  }
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: object, claims: object, signer: (input: string) => string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${signer(input)}`;
}

function es256(key: KeyObject): (input: string) => string {
  return (input) => sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}

import { createHash } from 'node:crypto';
import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import {
  authorizationCode,
  basicAuth,
  bearer,
  codeGrantTokens,
  createPerson,
  form,
  loginToken,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  tokenRequest,
} from './support/flows';

const TABLES = [
  'users',
  'clients',
  'grants',
  'authorization_codes',
  'access_tokens',
  'refresh_tokens',
  'api_keys',
  'sessions',
  'audit_events',
  'revocations',
  'consents',
];
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Secrets at rest and in logs (RFC 9700 §4.13/§4.14 storage; OWASP ASVS 5.0 V11.4, V16.2.5). */
describe('secrets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ OAUTH_ALLOW_QUERY_CREDENTIALS: 'true', ALLOW_BASIC_PASSWORD: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps only hashes of secrets and passwords in the database and writes none of them to a log', async () => {
    const erin = await createPerson(t, { password: 'Erin-Plaintext-Canary-42' });
    const secrets: Record<string, string> = {
      password: erin.password,
      'wrong password': 'Wrong-Guess-Canary-77',
      'admin password': ADMIN.password,
    };

    const app = await registerApp(t, erin.username);
    secrets.client_secret = app.client_secret!;
    const userToken = await loginToken(t, erin);
    secrets['login token'] = userToken;

    const tokens = await codeGrantTokens(t, app, userToken);
    secrets['access token'] = tokens.access_token;
    secrets['refresh token'] = tokens.refresh_token!;
    const rotated = (
      await tokenRequest(
        t,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        basicAuth(app.client_id, app.client_secret!),
      ).expect(200)
    ).body;
    secrets['rotated refresh token'] = rotated.refresh_token;

    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(t, userToken, {
      client_id: app.client_id,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    secrets.code = code;
    secrets.code_verifier = verifier;
    // netrex's clients send credentials in the query string; they must still stay out of the logs.
    await request(t.url)
      .post(
        `/oauth2/token?${form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_id: app.client_id, client_secret: app.client_secret })}`,
      )
      .expect(200);

    const cookie = await sessionCookieFor(t, erin.username);
    const key = (await request(t.url).post('/api/keys').set(consoleHeaders(t, cookie)).send({ name: 'excel' }).expect(201)).body
      .key as string;
    const pat = (
      await request(t.url)
        .post('/api/keys')
        .set(consoleHeaders(t, cookie))
        .send({ name: 'ci', type: 'personal_token', scopes: ['read'] })
        .expect(201)
    ).body.key as string;
    Object.assign(secrets, { 'API key': key, 'personal access token': pat });
    await request(t.url).get('/api/me').set('Authorization', basicAuth('', key)).expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(pat)).expect(200);
    await request(t.url).get('/api/me').set('Authorization', basicAuth(erin.username, erin.password)).expect(200);

    const adminCookie = await sessionCookieFor(t, ADMIN.username);
    const apiUser = await request(t.url)
      .post('/api/admin/users')
      .set(consoleHeaders(t, adminCookie))
      .send({ username: 'erp-export', kind: 'api', roles: ['Consumer'], oauth2_enabled: true, access_token_ttl_minutes: 30 })
      .expect(201);
    const issued = await request(t.url).post(`/api/admin/users/${apiUser.body.id}/api-token`).set(consoleHeaders(t, adminCookie));
    expect([200, 201]).toContain(issued.status);
    const apiToken = issued.body.client_secret as string;
    secrets['API-user token'] = apiToken;
    const cc = await request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send(form({ grant_type: 'client_credentials', client_id: 'erp-export', client_secret: apiToken }))
      .expect(200);
    secrets['API-user access token'] = cc.body.access_token;

    await request(t.url).post('/consumer/login').send({ username: erin.username, password: secrets['wrong password'] });
    await request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send(
        form({
          grant_type: 'password',
          username: erin.username,
          password: secrets['wrong password'],
          client_id: app.client_id,
          client_secret: app.client_secret,
        }),
      );
    await request(t.url)
      .post('/oauth2/revoke')
      .type('form')
      .send(form({ token: rotated.refresh_token, client_id: app.client_id, client_secret: app.client_secret }))
      .expect(200);

    const dump: Record<string, string> = Object.fromEntries(
      await Promise.all(TABLES.map(async (table) => [table, JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table}`))])),
    );
    const logs = t.logs.join('');
    for (const [what, secret] of Object.entries(secrets)) {
      for (const [table, rows] of Object.entries(dump))
        expect({ what, table, stored: rows.includes(secret) }).toEqual({ what, table, stored: false });
      expect({ what, logged: logs.includes(secret) }).toEqual({ what, logged: false });
    }
    // The right kind of hash: argon2id for passwords, SHA-256 for high-entropy secrets (docs/decisions.md).
    const [user] = await t.dataSource.query('SELECT password_hash FROM users WHERE username = ?', [erin.username]);
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    const [client] = await t.dataSource.query('SELECT secret_hash FROM clients WHERE client_id = ?', [app.client_id]);
    expect(client.secret_hash).toBe(sha256(app.client_secret!));
    expect(await t.dataSource.query('SELECT key_hash FROM api_keys WHERE key_hash = ?', [sha256(key)])).toHaveLength(1);
    expect(
      await t.dataSource.query('SELECT token_hash FROM refresh_tokens WHERE token_hash = ?', [sha256(tokens.refresh_token!)]),
    ).toHaveLength(1);
    expect(await t.dataSource.query('SELECT code_hash FROM authorization_codes WHERE code_hash = ?', [sha256(code)])).toHaveLength(1);
    expect(logs).toContain('[Redacted]');
  });
});

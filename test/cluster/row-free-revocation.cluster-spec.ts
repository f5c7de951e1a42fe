import { createConnection } from 'mysql2/promise';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTesseraProcess, TesseraProcess } from '../support/tessera-process';
import {
  ADMIN_PASSWORD,
  basic,
  bearer,
  call,
  codeGrant,
  createPerson,
  freePort,
  liftAdministratorTwoFactor,
  login,
  registerApp,
  sleep,
} from './cluster-flows';
import { MARIADB_URL, REDIS_URL } from './mariadb';

/**
 * Issue 16: access tokens have no row; every instance refuses them from the revocations it holds
 * in memory, fed by Redis or by polling the revocation sequence. Each revocation made on B must
 * refuse the token on A within 1 s, with and without Redis.
 */
const ISSUER = 'http://tessera.cluster.test';

/** Asks until the answer is `expected` or `boundMs` has passed; reports what it saw and whether it came in time. */
async function until(check: () => Promise<number>, expected: number, boundMs: number): Promise<{ status: number; inTime: boolean }> {
  const since = Date.now();
  let status = await check();
  while (status !== expected && Date.now() - since < boundMs) {
    await sleep(25);
    status = await check();
  }
  return { status, inTime: Date.now() - since <= boundMs };
}

const meWith = (url: string, token: string) => async () => (await call(`${url}/api/me`, { headers: bearer(token) })).status;

async function clientCredentials(url: string, app: { client_id: string; client_secret: string }): Promise<string> {
  const res = await call(`${url}/oauth2/token`, {
    method: 'POST',
    headers: basic(app.client_id, app.client_secret),
    form: { grant_type: 'client_credentials', scope: 'read' },
  });
  if (res.status !== 200) throw new Error(`client_credentials: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token as string;
}

describe.each([
  ['with Redis', REDIS_URL],
  ['without Redis (the revocation sequence polled)', null],
])('row-free access tokens on two instances, %s', (_mode, redisUrl) => {
  let database: TestDatabase;
  let a: TesseraProcess;
  let b: TesseraProcess;
  let adminToken: string;

  beforeAll(async () => {
    database = await createTestDatabase(MARIADB_URL);
    const env: Record<string, string> = { DATABASE_URL: database.url, ADMIN_PASSWORD, SEED_DEMO: 'false', ISSUER };
    if (redisUrl) env.REDIS_URL = redisUrl;
    a = await startTesseraProcess(env, await freePort());
    b = await startTesseraProcess(env, await freePort());
    await liftAdministratorTwoFactor(env);
    adminToken = await login(a.url, 'admin', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  /** A person with an application, and a client_credentials token of it that both instances have accepted. */
  async function ownerWithToken() {
    const person = await createPerson(a.url, adminToken);
    const personToken = await login(a.url, person.username, person.password);
    const app = await registerApp(a.url, personToken);
    const token = await clientCredentials(a.url, app);
    for (const instance of [a, b]) expect(await meWith(instance.url, token)()).toBe(200);
    return { person, personToken, app, token };
  }

  it('refuses a single revoked client_credentials token on the other instance within 1 s', async () => {
    const { app, token } = await ownerWithToken();
    const other = await clientCredentials(a.url, app);
    const revoked = await call(`${b.url}/oauth2/revoke`, {
      method: 'POST',
      headers: basic(app.client_id, app.client_secret),
      form: { token },
    });
    expect(revoked.status).toBe(200);
    expect(await meWith(b.url, token)()).toBe(401);
    expect(await until(meWith(a.url, token), 401, 1000)).toEqual({ status: 401, inTime: true });
    // Only that token: another of the same client still works on both.
    for (const instance of [a, b]) expect(await meWith(instance.url, other)()).toBe(200);
  });

  it('refuses the access token of a revoked grant on the other instance within 1 s', async () => {
    const { app, personToken } = await ownerWithToken();
    const tokens = await codeGrant(a.url, app, personToken);
    for (const instance of [a, b]) expect(await meWith(instance.url, tokens.access_token)()).toBe(200);
    const revoked = await call(`${b.url}/oauth2/revoke`, {
      method: 'POST',
      headers: basic(app.client_id, app.client_secret),
      form: { token: tokens.refresh_token, token_type_hint: 'refresh_token' },
    });
    expect(revoked.status).toBe(200);
    expect(await until(meWith(a.url, tokens.access_token), 401, 1000)).toEqual({ status: 401, inTime: true });
  });

  it('refuses every token issued before a client secret rotation on the other instance within 1 s; the new secret works', async () => {
    const { app, personToken, token } = await ownerWithToken();
    const rotated = await call(`${b.url}/api/apps/${app.client_id}/secret`, { method: 'POST', headers: bearer(personToken) });
    expect([200, 201]).toContain(rotated.status);
    expect(await until(meWith(a.url, token), 401, 1000)).toEqual({ status: 401, inTime: true });
    const fresh = await clientCredentials(b.url, { client_id: app.client_id, client_secret: rotated.body.client_secret as string });
    expect(await until(meWith(a.url, fresh), 200, 1000)).toEqual({ status: 200, inTime: true });
  });

  it("refuses a disabled user's tokens on the other instance within 1 s", async () => {
    const { person, token } = await ownerWithToken();
    const disabled = await call(`${b.url}/api/admin/users/${person.id}`, {
      method: 'PATCH',
      headers: bearer(adminToken),
      json: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(await until(meWith(a.url, token), 401, 1000)).toEqual({ status: 401, inTime: true });
  });

  it("refuses the tokens issued before a user's password change on the other instance within 1 s", async () => {
    const { person, token } = await ownerWithToken();
    const changed = await call(`${b.url}/api/admin/users/${person.id}`, {
      method: 'PATCH',
      headers: bearer(adminToken),
      json: { password: `${person.password}-new` },
    });
    expect(changed.status).toBe(200);
    expect(await until(meWith(a.url, token), 401, 1000)).toEqual({ status: 401, inTime: true });
  });
});

describe('a revocation feed outage', () => {
  const STALE_SECONDS = 2;
  let database: TestDatabase;
  let a: TesseraProcess;

  beforeAll(async () => {
    database = await createTestDatabase(MARIADB_URL);
    const env = {
      DATABASE_URL: database.url,
      ADMIN_PASSWORD,
      SEED_DEMO: 'false',
      ISSUER,
      REVOCATION_FEED_STALE_SECONDS: String(STALE_SECONDS),
    };
    a = await startTesseraProcess(env, await freePort());
    await liftAdministratorTwoFactor(env);
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await database?.drop();
  });

  it('makes an instance refuse access tokens (503) once the feed is stale past its bound, and accept them again when it recovers', async () => {
    const adminToken = await login(a.url, 'admin', ADMIN_PASSWORD);
    const person = await createPerson(a.url, adminToken);
    const app = await registerApp(a.url, await login(a.url, person.username, person.password));
    const token = await clientCredentials(a.url, app);
    expect(await meWith(a.url, token)()).toBe(200);
    const sql = await createConnection(database.url);
    try {
      // The feed's table is gone (every poll fails) while the rest of the database answers.
      await sql.query('RENAME TABLE revocations TO revocations_offline');
      const refused = await until(meWith(a.url, token), 503, STALE_SECONDS * 1000 + 2000);
      expect(refused).toEqual({ status: 503, inTime: true });
      // Introspection says the same: inactive while revocations cannot be checked.
      const introspected = await call(`${a.url}/oauth2/introspect`, {
        method: 'POST',
        headers: basic(app.client_id, app.client_secret),
        form: { token },
      });
      expect(introspected.body).toEqual({ active: false });
      await sql.query('RENAME TABLE revocations_offline TO revocations');
      expect(await until(meWith(a.url, token), 200, 2000)).toEqual({ status: 200, inTime: true });
    } finally {
      await sql.query('RENAME TABLE revocations_offline TO revocations').catch(() => undefined);
      await sql.end();
    }
  });
});

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
  unique,
} from './cluster-flows';
import { MARIADB_URL, REDIS_URL } from './mariadb';

const API_LIMIT = 6;

/**
 * Two Tessera processes (built app) on one MariaDB schema and one Redis, as behind a load
 * balancer (README.md, "Scaling out"; issue 7 item 3). Nothing that matters may live in one process only.
 */
describe('two instances on one database and Redis', () => {
  let database: TestDatabase;
  let a: TesseraProcess;
  let b: TesseraProcess;
  let adminToken: string;
  let person: { id: string; username: string; password: string };
  let app: { client_id: string; client_secret: string };

  beforeAll(async () => {
    database = await createTestDatabase(MARIADB_URL);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      ADMIN_PASSWORD,
      SEED_DEMO: 'false',
      TRUST_PROXY: 'true',
      RATE_LIMITS: 'on',
      RATE_LIMIT_API_PER_MINUTE: String(API_LIMIT),
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000',
    };
    // One after the other: the first runs the migrations, the second finds them done.
    a = await startTesseraProcess({ ...env, ISSUER: 'http://tessera.cluster.test' }, await freePort());
    b = await startTesseraProcess({ ...env, ISSUER: 'http://tessera.cluster.test' }, await freePort());
    await liftAdministratorTwoFactor(env);
    adminToken = await login(a.url, 'admin', ADMIN_PASSWORD);
    person = await createPerson(a.url, adminToken);
    app = await registerApp(a.url, await login(a.url, person.username, person.password));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('accepts a token issued by one instance on the other', async () => {
    const token = await login(a.url, person.username, person.password);
    expect((await call(`${b.url}/api/me`, { headers: bearer(token) })).status).toBe(200);
    const tokens = await codeGrant(b.url, app, token);
    expect((await call(`${a.url}/api/me`, { headers: bearer(tokens.access_token) })).status).toBe(200);
    const refreshed = await call(`${a.url}/oauth2/token`, {
      method: 'POST',
      headers: basic(app.client_id, app.client_secret),
      form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
    });
    expect(refreshed.status).toBe(200);
  });

  it('rejects on one instance, within 1 s, a token revoked on the other', async () => {
    for (const hint of ['access_token', 'refresh_token'] as const) {
      const tokens = await codeGrant(a.url, app, await login(a.url, person.username, person.password));
      // Both instances have verified (and may have cached) the token before it is revoked.
      for (const instance of [a, b])
        expect((await call(`${instance.url}/api/me`, { headers: bearer(tokens.access_token) })).status).toBe(200);
      const revoked = await call(`${b.url}/oauth2/revoke`, {
        method: 'POST',
        headers: basic(app.client_id, app.client_secret),
        form: { token: tokens[hint], token_type_hint: hint },
      });
      expect(revoked.status).toBe(200);
      const revokedAt = Date.now();
      expect((await call(`${b.url}/api/me`, { headers: bearer(tokens.access_token) })).status).toBe(401);
      let status = 200;
      while (status === 200 && Date.now() - revokedAt < 1000) {
        status = (await call(`${a.url}/api/me`, { headers: bearer(tokens.access_token) })).status;
        if (status === 200) await sleep(25);
      }
      expect({ hint, statusOnA: status, withinOneSecond: Date.now() - revokedAt <= 1000 }).toEqual({
        hint,
        statusOnA: 401,
        withinOneSecond: true,
      });
    }
  });

  it('refuses on one instance, within 1 s, credentials changed on the other: a disabled user, a rotated client secret', async () => {
    const within1s = async (check: () => Promise<number>, expected: number) => {
      const since = Date.now();
      let status = await check();
      while (status !== expected && Date.now() - since < 1000) {
        await sleep(25);
        status = await check();
      }
      return { status, withinOneSecond: Date.now() - since <= 1000 };
    };
    const kim = await createPerson(a.url, adminToken);
    const kimToken = await login(a.url, kim.username, kim.password);
    const kimApp = await registerApp(a.url, kimToken);
    const ccToken = async (secret: string) =>
      call(`${a.url}/oauth2/token`, {
        method: 'POST',
        headers: basic(kimApp.client_id, secret),
        form: { grant_type: 'client_credentials', scope: 'read' },
      });
    // A has used (and may have cached) both before they change on B.
    expect((await ccToken(kimApp.client_secret)).status).toBe(200);
    const rotated = await call(`${b.url}/api/apps/${kimApp.client_id}/secret`, { method: 'POST', headers: bearer(kimToken) });
    expect([200, 201]).toContain(rotated.status);
    expect(await within1s(async () => (await ccToken(kimApp.client_secret)).status, 401)).toEqual({ status: 401, withinOneSecond: true });
    expect((await ccToken(rotated.body.client_secret as string)).status).toBe(200);

    expect((await call(`${a.url}/api/me`, { headers: bearer(kimToken) })).status).toBe(200);
    expect(
      (await call(`${b.url}/api/admin/users/${kim.id}`, { method: 'PATCH', headers: bearer(adminToken), json: { disabled: true } })).status,
    ).toBe(200);
    expect((await call(`${b.url}/api/me`, { headers: bearer(kimToken) })).status).toBe(401);
    expect(await within1s(async () => (await call(`${a.url}/api/me`, { headers: bearer(kimToken) })).status, 401)).toEqual({
      status: 401,
      withinOneSecond: true,
    });
  });

  it('lets exactly one of concurrent refreshes of one refresh token, split across both, succeed', async () => {
    const userToken = await login(a.url, person.username, person.password);
    for (let round = 0; round < 5; round++) {
      const { refresh_token } = await codeGrant(a.url, app, userToken);
      const attempts = Array.from({ length: 6 }, (_, i) =>
        call(`${(i % 2 === 0 ? a : b).url}/oauth2/token`, {
          method: 'POST',
          headers: basic(app.client_id, app.client_secret),
          form: { grant_type: 'refresh_token', refresh_token },
        }),
      );
      const answers = await Promise.all(attempts);
      // The losers' reuse detection must not take the winner down with it: of concurrent refreshes
      // exactly one succeeds (docs/decisions.md).
      const outcomes = answers
        .map((r) => (r.status === 200 ? '200' : `${r.status} ${String(r.body.error)}: ${String(r.body.error_description)}`))
        .sort();
      expect({ round, successes: outcomes.filter((o) => o === '200').length, outcomes }).toEqual({ round, successes: 1, outcomes });
      expect(outcomes.slice(1).map((o) => o.split(':')[0])).toEqual(Array(answers.length - 1).fill('400 invalid_grant'));
    }
  });

  it('counts rate limits across both instances', async () => {
    const ip = `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;
    const statuses: number[] = [];
    for (let i = 0; i < API_LIMIT; i++) {
      const res = await call(`${(i % 2 === 0 ? a : b).url}/api/database/01/rooms`, {
        headers: { 'x-forwarded-for': ip, ...basic('', unique('k')) },
      });
      statuses.push(res.status);
      expect(res.headers.get('ratelimit')).toMatch(new RegExp(`;r=${API_LIMIT - 1 - i};`));
    }
    expect(statuses).not.toContain(429);
    for (const instance of [a, b]) {
      const res = await call(`${instance.url}/api/database/01/rooms`, { headers: { 'x-forwarded-for': ip } });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('two instances on one database without Redis', () => {
  let database: TestDatabase;
  let a: TesseraProcess;
  let b: TesseraProcess;

  beforeAll(async () => {
    database = await createTestDatabase(MARIADB_URL);
    const env = { DATABASE_URL: database.url, ADMIN_PASSWORD, SEED_DEMO: 'false', ISSUER: 'http://tessera.cluster.test' };
    a = await startTesseraProcess(env, await freePort());
    b = await startTesseraProcess(env, await freePort());
    await liftAdministratorTwoFactor(env);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('still rejects on one instance, within 1 s, a token revoked on the other (revocation sequence polled from the database)', async () => {
    const adminToken = await login(a.url, 'admin', ADMIN_PASSWORD);
    const person = await createPerson(a.url, adminToken);
    const app = await registerApp(a.url, await login(a.url, person.username, person.password));
    const tokens = await codeGrant(a.url, app, await login(a.url, person.username, person.password));
    for (const instance of [a, b])
      expect((await call(`${instance.url}/api/me`, { headers: bearer(tokens.access_token) })).status).toBe(200);
    expect(
      (
        await call(`${b.url}/oauth2/revoke`, {
          method: 'POST',
          headers: basic(app.client_id, app.client_secret),
          form: { token: tokens.access_token },
        })
      ).status,
    ).toBe(200);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 1000) {
      status = (await call(`${a.url}/api/me`, { headers: bearer(tokens.access_token) })).status;
      if (status === 200) await sleep(25);
    }
    expect({ statusOnA: status, withinOneSecond: Date.now() - revokedAt <= 1000 }).toEqual({ statusOnA: 401, withinOneSecond: true });
  });
});

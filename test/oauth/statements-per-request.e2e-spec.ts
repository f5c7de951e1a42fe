import { dirname, join } from 'node:path';
import request from 'supertest';
import { basicAuth, bearer, createPerson, registerApp, seedSmallDatabases, tokenRequest } from '../security/support/flows';
import { KeysService } from '../../src/keys/keys.service';
import { startTestApp, TestApp } from '../support/test-app';

/** What the instance does on its own, whatever the requests: feed polls and sweeps, batched counts. */
const BACKGROUND = /\b(revocations|token_counts)\b/;

type Statement = { run?: unknown; all?: unknown; get?: unknown; iterate?: unknown; source?: string };

/**
 * Issue 16, item 3: database statements per answer decide how far instances scale on one MySQL.
 * Every statement the app sends (TypeORM and the prepared hot paths alike) is observed at the
 * driver: better-sqlite3's statements, mysql2's connections. In the steady state (caches warm) a
 * client_credentials token costs none, a Bearer page read one (the page), a refresh three.
 */
describe('database statements per request', () => {
  let t: TestApp;
  const seen: string[] = [];
  let recording = false;
  const restore: (() => void)[] = [];

  function observe(target: Record<string, unknown>, methods: string[], sqlOf: (self: unknown, args: unknown[]) => string): void {
    for (const method of methods) {
      const original = target[method] as (...args: unknown[]) => unknown;
      target[method] = function (this: unknown, ...args: unknown[]) {
        if (recording) seen.push(sqlOf(this, args));
        return original.apply(this, args);
      };
      restore.push(() => (target[method] = original));
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    if (t.database.kind === 'sqlite') {
      const db = (t.dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): Statement } }).databaseConnection;
      const statementPrototype = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
      observe(statementPrototype, ['run', 'all', 'get', 'iterate'], (self) => (self as Statement).source ?? '?');
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const connection = require(join(dirname(require.resolve('mysql2')), 'lib', 'base', 'connection.js')) as {
        prototype: Record<string, unknown>;
      };
      observe(connection.prototype, ['query', 'execute'], (_self, [sql]) => (typeof sql === 'string' ? sql : (sql as { sql: string }).sql));
    }
    await seedSmallDatabases(t);
  });
  afterAll(async () => {
    for (const undo of restore) undo();
    await t?.close();
  });

  /** The fewest statements (background excluded) one of five consecutive requests sent: the steady state, caches warm. */
  async function statementsOf(send: () => Promise<{ status: number }>): Promise<{ statements: number; sql: string[] }> {
    let best: string[] | null = null;
    for (let attempt = 0; attempt < 5; attempt++) {
      seen.length = 0;
      recording = true;
      const res = await send();
      recording = false;
      expect(res.status).toBe(200);
      const own = seen.filter((sql) => !BACKGROUND.test(sql));
      if (!best || own.length < best.length) best = own;
    }
    return { statements: best!.length, sql: best! };
  }

  async function application() {
    const owner = await createPerson(t, { roles: ['Administrator'], fullAccess: true } as never);
    return { owner, app: await registerApp(t, owner.username) };
  }

  it('issues a client_credentials token with no statement at all', async () => {
    const { app } = await application();
    const issue = () => tokenRequest(t, { grant_type: 'client_credentials', scope: 'read' }, basicAuth(app.client_id, app.client_secret!));
    expect(await statementsOf(issue)).toEqual({ statements: 0, sql: [] });
  });

  it('answers a Bearer page read with one statement, the page', async () => {
    const { app } = await application();
    const token = (await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read' }, basicAuth(app.client_id, app.client_secret!)))
      .body.access_token as string;
    const read = () => request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', bearer(token));
    const { statements, sql } = await statementsOf(read);
    expect({ statements, page: /\bFROM\s+["`]?rooms\b/i.test(sql[0] ?? '') }).toEqual({ statements: 1, page: true });
  });

  /**
   * Revoking one token changes nothing another token's check or its owner's rights depend on: the
   * checks and rights cached for other tokens stay (review 3: an application revoking its own tokens
   * at its rate limit emptied every instance's caches, so every request read them again).
   */
  it("keeps other tokens' cached checks when one token is revoked: the next read is still one statement", async () => {
    const { app } = await application();
    const issue = async () =>
      (await tokenRequest(t, { grant_type: 'client_credentials', scope: 'read' }, basicAuth(app.client_id, app.client_secret!))).body
        .access_token as string;
    const [kept, revoked] = [await issue(), await issue()];
    const read = (token: string) => request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', bearer(token));
    await read(kept).expect(200);
    await request(t.url)
      .post('/oauth2/revoke')
      .set('Authorization', basicAuth(app.client_id, app.client_secret!))
      .type('form')
      .send({ token: revoked })
      .expect(200);
    expect((await read(revoked)).status).toBe(401);
    seen.length = 0;
    recording = true;
    const res = await read(kept);
    recording = false;
    expect(res.status).toBe(200);
    expect(seen.filter((sql) => !BACKGROUND.test(sql))).toHaveLength(1);
  });

  it('answers an API-key (Basic) page read with one statement, the page', async () => {
    const { owner } = await application();
    const { secret } = await t.app.get(KeysService).create(owner.id, { name: 'excel', kind: 'api_key', scopes: ['read'], expiresAt: null });
    const read = () => request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', basicAuth('', secret));
    await read();
    const { statements, sql } = await statementsOf(read);
    expect({ statements, page: /\bFROM\s+["`]?rooms\b/i.test(sql[0] ?? '') }).toEqual({ statements: 1, page: true });
  });

  it('refreshes with three statements: read the token and its grant, rotate it, store its successor', async () => {
    const { owner } = await application();
    let refreshToken = (
      await request(t.url).post('/consumer/login').send({ username: owner.username, password: owner.password }).expect(200)
    ).body.refresh_token as string;
    const refresh = async () => {
      const res = await request(t.url)
        .post('/oauth2/token')
        .type('form')
        .send({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'consumer' });
      refreshToken = res.body.refresh_token as string;
      return res;
    };
    const { statements, sql } = await statementsOf(refresh);
    expect({ statements, kinds: sql.map((text) => text.trim().split(/\s/)[0].toUpperCase()) }).toEqual({
      statements: 3,
      kinds: ['SELECT', 'UPDATE', 'INSERT'],
    });
  });
});

import fc from 'fast-check';
import request from 'supertest';
import type { Logger } from 'typeorm';
import { KeysService } from '../../src/keys/keys.service';
import { UsersService } from '../../src/users/users.service';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { bearer, seedSmallDatabases } from './support/flows';

const FIELDS = ['id', 'number', 'name', 'floor', 'department', 'function', 'area', 'status', 'nosuchfield'];
const OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS = ['contains', 'startswith', 'endswith'];

/** A marker no declared field or SQL keyword contains: if it appears in SQL text, input reached the SQL. */
const marker = fc.stringMatching(/^[a-z]{10}$/).map((letters) => `qz${letters}`);

/** Random OData literals with the marker inside: strings (with quotes to escape), numbers, dates, junk. */
const literal = (mark: string) =>
  fc.oneof(
    fc.string({ maxLength: 12 }).map((s) => `'${mark}${s.replace(/'/g, "''")}'`),
    fc.string({ maxLength: 12 }).map((s) => `'${mark}${s}'`),
    fc.integer().map(String),
    fc.double({ noNaN: true }).map(String),
    fc.constantFrom('null', 'true', 'false', '2024-01-31', '2024-01-31T10:00:00Z'),
    fc.constant(`${mark}`),
    fc.constant(`'${mark}\\'`),
  );

/** Expressions from the $filter grammar, mixed with random text. */
function filterOf(mark: string): fc.Arbitrary<string> {
  const { expr } = fc.letrec((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPERATORS), literal(mark)).map(([f, o, l]) => `${f} ${o} ${l}`),
      fc.tuple(fc.constantFrom(...FUNCTIONS), fc.constantFrom(...FIELDS), literal(mark)).map(([fn, f, l]) => `${fn}(${f},${l})`),
      fc.tuple(fc.constantFrom(...FIELDS), fc.array(literal(mark), { maxLength: 4 })).map(([f, ls]) => `${f} in (${ls.join(',')})`),
      fc.tuple(tie('expr'), fc.constantFrom('and', 'or'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
      tie('expr').map((e) => `not (${e})`),
      tie('expr').map((e) => `(${e})`),
      fc.string({ maxLength: 30 }).map((s) => `${mark}${s}`),
    ),
  }));
  return expr as fc.Arbitrary<string>;
}

/**
 * Properties (issue 7 item 6) of the query options, over HTTP on both mounts: random `$filter`,
 * `$orderby`, `$select` never give anything but 200 or a 400 OData error, and no input ever
 * reaches SQL text (every query the app sends is watched through TypeORM's logger).
 */
describe('query options on random input', () => {
  let t: TestApp;
  let auth: string;
  const sql: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await seedSmallDatabases(t);
    const admin = await t.app.get(UsersService).findByUsername(ADMIN.username);
    auth = bearer(
      (await t.app.get(KeysService).create(admin!.id, { name: 'reader', kind: 'personal_token', scopes: ['read'], expiresAt: null }))
        .secret,
    );
    const watcher: Logger = {
      logQuery: (query: string) => void sql.push(query),
      logQueryError: (_error: string | Error, query: string) => void sql.push(query),
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    Object.defineProperty(t.dataSource, 'logger', { value: watcher, configurable: true, writable: true });
  });
  afterAll(async () => {
    await t.close();
  });

  async function expectSafe(path: string, mark: string): Promise<void> {
    sql.length = 0;
    const res = await request(t.url).get(path).set('Authorization', auth);
    expect([200, 400]).toContain(res.status);
    if (res.status === 400) expect(typeof res.body.error.message).toBe('string');
    expect(res.text).not.toMatch(/at \S+\.(js|ts):\d+|SELECT .+ FROM |SQLITE_|ER_[A-Z_]{4,}/);
    for (const query of sql as string[]) expect(query.includes(mark)).toBe(false);
  }

  it('never answers anything but 200 or 400 to a random $filter, and keeps its values out of SQL text', async () => {
    await fc.assert(
      fc.asyncProperty(
        marker.chain((mark) => fc.tuple(fc.constant(mark), filterOf(mark), fc.constantFrom('/api/database/01/rooms', '/odata/01/rooms'))),
        async ([mark, filter, mount]) => {
          await expectSafe(`${mount}?$filter=${encodeURIComponent(filter)}&$top=5`, mark);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('never answers anything but 200 or 400 to a random $orderby or $select, and keeps unknown names out of SQL text', async () => {
    const name = marker.chain((mark) =>
      fc.tuple(
        fc.constant(mark),
        fc.oneof(
          fc.constantFrom(...FIELDS),
          fc.constant(mark),
          fc.string({ maxLength: 10 }).map((s) => `${mark}${s}`),
        ),
      ),
    );
    const orderby = fc.array(fc.tuple(name, fc.constantFrom('', ' asc', ' desc', ' sideways')), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        orderby,
        fc.constantFrom('/api/database/01/rooms', '/odata/01/rooms'),
        fc.boolean(),
        async (parts, mount, asSelect) => {
          const mark = parts[0][0][0];
          const value = asSelect ? parts.map(([[, n]]) => n).join(',') : parts.map(([[, n], dir]) => `${n}${dir}`).join(',');
          await expectSafe(`${mount}?${asSelect ? '$select' : '$orderby'}=${encodeURIComponent(value)}&$top=5`, mark);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sends its queries through the watched TypeORM logger (so the properties above observe real SQL)', async () => {
    sql.length = 0;
    await request(t.url).get("/odata/01/rooms?$filter=name eq 'qzwatched'&$top=1").set('Authorization', auth).expect(200);
    expect(sql.some((query) => /rooms/i.test(query))).toBe(true);
  });
});

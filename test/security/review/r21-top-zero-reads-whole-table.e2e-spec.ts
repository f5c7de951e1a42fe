import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { bearer, createPerson, loginToken } from '../support/flows';

/**
 * Review (limits): `/api/admin/users` pages in SQL with `findAndCount({ take: page.top })`. `$top=0`
 * is valid (`@Min(0)`, used to ask only for `$count`), but TypeORM's find options skip a falsy
 * `take`: `UsersService.listPage` then reads every user with its role and database-access joins,
 * hydrates them and throws them away (`AdminUsersService.list`: `page.top === 0 ? [] : …`). Callers:
 * administrators, and any holder of `api-users:view` (API keys may hold it) for API users.
 * The audit log's query builder is bounded for `$top=0` (the first test passes, kept as a guard).
 */
describe('R21: $top=0 on a management list reads no rows', () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await loginToken(t, ADMIN);
    for (let i = 0; i < 5; i++) await createPerson(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function sqlOf(path: string): Promise<{ status: number; sql: string[] }> {
    const sql: string[] = [];
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query: string, parameters?: unknown[]) => {
      sql.push(query);
      return original(query, parameters);
    };
    try {
      const res = await request(t.url).get(path).set('Authorization', bearer(adminToken));
      return { status: res.status, sql };
    } finally {
      logger.logQuery = original;
    }
  }

  it('counts the audit log without reading all of it', async () => {
    const { status, sql } = await sqlOf('/api/admin/audit?$top=0&$count=true');
    expect(status).toBe(200);
    const reads = sql.filter((s) => /^SELECT/i.test(s) && /audit_events/.test(s) && !/COUNT\(/i.test(s));
    // Either no row read at all, or a bounded one.
    for (const read of reads) expect(read).toMatch(/\bLIMIT\b/i);
  });

  it('counts users without reading all of them', async () => {
    const { status, sql } = await sqlOf('/api/admin/users?$top=0&$count=true');
    expect(status).toBe(200);
    const reads = sql.filter((s) => /^SELECT/i.test(s) && /FROM ["`]?users["`]?/i.test(s) && !/COUNT\(/i.test(s));
    for (const read of reads) expect(read).toMatch(/\bLIMIT\b/i);
  });

  it('(control) bounds the read for $top=1', async () => {
    const { sql } = await sqlOf('/api/admin/audit?$top=1');
    const reads = sql.filter((s) => /^SELECT/i.test(s) && /audit_events/.test(s) && !/COUNT\(/i.test(s));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toMatch(/\bLIMIT\b/i);
  });
});

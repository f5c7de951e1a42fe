import request from 'supertest';
import type { TestApp } from '../../support/test-app';
import { basicHeader, ResourceActors, startResourceApp } from '../../resources/resource-fixtures';

/**
 * R18 (low: robustness, any reader). `$filter=true in (true)` (or `false in (true,false)`) is
 * accepted by the parser, and `membership` in src/resources/sql/filter.compiler.ts converts the
 * list values with `toSqlParam({ type: 'string' }, v)` for every operand type but datetime, so the
 * JavaScript boolean reaches better-sqlite3, which cannot bind it: a 500 ("An unexpected error
 * occurred", an error line in the log) instead of the 200 (or a 400) the docs promise for any
 * $filter. Seen on SQLite; the same value is bound on MariaDB by mysql2.
 */
describe('R18: a boolean in-list is a 200 or a 400, never a 500', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(3));
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(['true in (true)', 'false in (true, false)', 'true in (null, true)'])(
    'answers $filter=%s without a server error',
    async (filter) => {
      for (const path of ['/odata/01/rooms', '/api/database/01/rooms', '/odata/01/rooms/$count']) {
        const res = await request(t.url).get(path).query({ $filter: filter }).set('Authorization', basicHeader('', actors.apiKey));
        expect([200, 400]).toContain(res.status);
      }
    },
  );
});

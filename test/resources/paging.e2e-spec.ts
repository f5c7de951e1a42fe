import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { collectOData, collectRest, nextLink, ResourceActors, startResourceApp } from './resource-fixtures';

const ROOMS = 10_000;

/** Code-point order with nulls first, as both databases sort. */
function compareNullable(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

describe('paging through a large set with next links', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(ROOMS));
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = () => `Bearer ${actors.readerToken}`;

  it('walks all 10,000 rooms on the REST mount in default-size pages, each row once, in key order', async () => {
    const { rows, pages } = await collectRest(t.url, '/api/database/01/rooms', auth());
    expect(pages).toBe(10);
    const ids = rows.map((row) => row.id as number);
    expect(new Set(ids).size).toBe(ROOMS);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('walks all 10,000 rooms on the OData mount, each row once', async () => {
    const { rows, pages } = await collectOData(t.url, '/odata/01/rooms?$select=id,number', auth());
    expect(pages).toBe(10);
    expect(new Set(rows.map((row) => row.id)).size).toBe(ROOMS);
  });

  it('walks a multi-field order with nulls, each row once and in order', async () => {
    const { rows } = await collectRest(
      t.url,
      '/api/database/01/rooms?$orderby=department desc,area&$select=department,area&$top=700',
      auth(),
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(ROOMS);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      const byDepartment = -compareNullable(a.department, b.department);
      const order = byDepartment !== 0 ? byDepartment : compareNullable(a.area, b.area) || compareNullable(a.id, b.id);
      expect(order).toBeLessThan(0);
    }
  });

  it('neither skips nor repeats a row while rows are inserted between pages', async () => {
    const before = new Set((await collectRest(t.url, '/api/database/01/rooms?$select=id', auth())).rows.map((row) => row.id));
    const seen: number[] = [];
    let url: string | undefined = `${t.url}/api/database/01/rooms?$orderby=name&$select=name&$top=1000`;
    let inserted = 0;
    while (url) {
      const res = await request(url).get('').set('Authorization', auth()).expect(200);
      seen.push(...res.body.map((row: { id: number }) => row.id));
      for (const name of ['Aaa inserted', 'Zzz inserted', 'Office inserted']) {
        await request(t.url)
          .post('/api/database/01/rooms')
          .set('Authorization', `Bearer ${actors.writer}`)
          .send({ number: `N.${inserted++}`, name, status: 'planned' })
          .expect(201);
      }
      url = nextLink(res.headers.link);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });
});

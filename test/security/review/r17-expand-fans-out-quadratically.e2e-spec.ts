import request from 'supertest';
import { ResourceSeeder } from '../../../src/resources/seeds/resource-seeder';
import type { TestApp } from '../../support/test-app';
import { basicHeader, ResourceActors, startResourceApp } from '../../resources/resource-fixtures';

/**
 * R17 (medium: any reader; on a public database any token). `$expand` is bounded in depth (three
 * levels) and in queries (one per level), but not in the rows it writes: an expanded collection
 * is not paged, and a path that goes back through a relationship (occurrences → item →
 * occurrences) writes, for every row of the page, every sibling of that row. One item used in N
 * places turns a page of N occurrences into N² nested objects. With 1,000 occurrences of one item
 * (a network outlet, a fire extinguisher) a 60-character request makes the server build and send
 * 1,000,000 objects; at a realistic 5,000 it is 5,000,000 per 1,000-row page (hundreds of MB).
 * docs/security.md claims "Unbounded work is refused … $expand three levels".
 */
const N = 1000;

function countObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countObjects(v), 0);
  if (value && typeof value === 'object') return 1 + Object.values(value).reduce((n: number, v) => n + countObjects(v), 0);
  return 0;
}

describe('R17: $expand cannot multiply a page into the square of a relationship', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(3));
    // A public database (any token reads it) where one item is used N times.
    await new ResourceSeeder(t.dataSource).seed('04', 'Outlets', { rooms: 10, items: 1, occurrences: N }, true);
  });
  afterAll(async () => {
    await t?.close();
  });

  // Observed before the fix: 200, 11,116,185 bytes, 1,002,000 objects for a page of 1,000 rows.
  it('refuses a page that would expand to more related entities than one answer holds, naming the way out', async () => {
    const path = '/odata/04/occurrences?$select=id&$expand=item($select=id;$expand=occurrences($select=id))';
    expect(path.length).toBeLessThan(100);
    const res = await request(t.url).get(path).set('Authorization', basicHeader('', actors.apiKey));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('$expand: this page would expand to');
    expect(res.body.error.message).toContain('put $top inside the expansion');
  });

  it('answers the same expansion with $top inside it, proportionate to the page', async () => {
    const path = '/odata/04/occurrences?$select=id&$expand=item($select=id;$expand=occurrences($select=id;$top=50))';
    const res = await request(t.url).get(path).set('Authorization', basicHeader('', actors.apiKey)).expect(200);
    expect(res.body.value.length).toBeGreaterThan(0);
    expect(countObjects(res.body.value)).toBeLessThanOrEqual(res.body.value.length * 52);
    expect(res.body.value[0].item.occurrences).toHaveLength(50);
  });
});

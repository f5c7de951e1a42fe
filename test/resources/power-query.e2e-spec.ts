import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { FOLDED_STEPS, POWER_QUERY_HEADERS, Room } from './power-query';
import { ResourceActors, startResourceApp } from './resource-fixtures';

/**
 * Replays what Power Query's OData.Feed sends for the steps a Power BI user adds (issue 12): the
 * metadata and service document first, then every folded query twice (Power Query reads the first
 * page twice), following next links; a filter must select exactly the rooms the M step keeps.
 */
describe('the query shapes Power Query folds', () => {
  let t: TestApp;
  let actors: ResourceActors;
  let rooms: Room[];
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(300, { PAGE_SIZE_DEFAULT: '100' }));
    rooms = (await pq('rooms?$orderby=id')).rows as unknown as Room[];
  });
  afterAll(async () => {
    await t?.close();
  });

  async function pq(path: string): Promise<{ rows: Record<string, unknown>[]; text: string }> {
    const send = (url: string) => request(url).get('').set(POWER_QUERY_HEADERS).set('Authorization', `Bearer ${actors.writer}`);
    const first = await send(`${t.url}/odata/01/${path}`);
    expect({ path, status: first.status }).toEqual({ path, status: 200 });
    expect((await send(`${t.url}/odata/01/${path}`)).text).toBe(first.text);
    if (path.includes('/$count')) return { rows: [], text: first.text };
    const rows: Record<string, unknown>[] = [...first.body.value];
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page: request.Response = await send(next).expect(200);
      rows.push(...page.body.value);
      next = page.body['@odata.nextLink'];
    }
    return { rows, text: first.text };
  }

  it('reads $metadata and the service document as Power Query does', async () => {
    const metadata = await request(t.url)
      .get('/odata/01/$metadata')
      .set({ ...POWER_QUERY_HEADERS, Accept: 'application/xml' })
      .set('Authorization', `Bearer ${actors.writer}`)
      .expect(200);
    expect(metadata.headers['content-type']).toMatch(/^application\/xml/);
    expect(metadata.text).toContain('Term="Capabilities.FilterFunctions"');
    await request(t.url).get('/odata/01/').set(POWER_QUERY_HEADERS).set('Authorization', `Bearer ${actors.writer}`).expect(200);
  });

  it.each(FOLDED_STEPS.map((step) => [step.m, step]))('%s', async (_m, step) => {
    const { rows, text } = await pq(step.path);
    if (step.keeps) expect(rows.map((r) => r.id)).toEqual(rooms.filter(step.keeps).map((r) => r.id));
    if (step.path.endsWith('/$count')) expect(text).toBe(String(rooms.length));
  });
});

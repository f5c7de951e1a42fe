import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { ResourceActors, startResourceApp } from './resource-fixtures';

type Row = Record<string, unknown> & { id: number };

/**
 * Navigation properties (derived from occurrences.room_id / item_id): `$expand` with nested
 * options two levels deep on both mounts, navigation paths, any/all, and the cost of an expanded
 * page (one query per expanded level, keyed by the page's ids).
 */
describe('navigation properties and $expand', () => {
  let t: TestApp;
  let actors: ResourceActors;
  let occurrences: Row[];
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(30));
    occurrences = (await get('/odata/01/occurrences?$orderby=id')).body.value;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string) => request(t.url).get(path).set('Authorization', `Bearer ${actors.writer}`).expect(200);

  it('expands a collection with nested $select, $filter, $orderby and $top, per room', async () => {
    const res = await get(
      '/odata/01/rooms?$top=10&$select=id,number&$expand=occurrences($select=quantity;$filter=quantity gt 1;$orderby=quantity desc,id;$top=2)',
    );
    expect(res.body['@odata.context']).toBe(`${t.url}/odata/01/$metadata#rooms(id,number,occurrences(id,quantity))`);
    for (const room of res.body.value) {
      const expected = occurrences
        .filter((o) => o.room_id === room.id && (o.quantity as number) > 1)
        .sort((a, b) => (b.quantity as number) - (a.quantity as number) || a.id - b.id)
        .slice(0, 2)
        .map((o) => ({ id: o.id, quantity: o.quantity }));
      expect(room).toEqual({ id: room.id, number: expect.any(String), occurrences: expected });
    }
  });

  it('expands single-valued room and item, and two levels deep', async () => {
    const res = await get('/odata/01/occurrences?$top=5&$orderby=id&$expand=room($select=number),item');
    for (const occurrence of res.body.value) {
      const room = (await get(`/odata/01/rooms(${occurrence.room_id})?$select=number`)).body;
      const item = (await get(`/odata/01/items(${occurrence.item_id})`)).body;
      expect(occurrence.room).toEqual({ id: occurrence.room_id, number: room.number });
      expect(occurrence.item).toEqual(Object.fromEntries(Object.entries(item).filter(([k]) => !k.startsWith('@'))));
    }
    const deep = await get('/odata/01/rooms?$top=30&$expand=occurrences($orderby=id;$expand=item($select=code))');
    const nested = deep.body.value.flatMap((room: { occurrences: Row[] }) => room.occurrences);
    expect(nested.map((o: Row) => o.id).sort((a: number, b: number) => a - b)).toEqual(occurrences.map((o) => o.id));
    for (const o of nested) expect(o.item).toEqual({ id: o.item_id, code: expect.stringMatching(/^IT-/) });
  });

  it('nests arrays the same way on the REST mount', async () => {
    const query = '$top=8&$expand=occurrences($select=quantity;$orderby=id)';
    const rest = await get(`/api/database/01/rooms?${query}`);
    const odata = await get(`/odata/01/rooms?${query}`);
    expect(rest.body).toEqual(odata.body.value);
    const one = await get(`/api/database/01/rooms/${rest.body[0].id}?$expand=occurrences($select=quantity;$orderby=id)`);
    expect(one.body).toEqual(rest.body[0]);
  });

  it('reads rooms(1)/occurrences and occurrences(1)/room as paths, with $count, next links and 404s', async () => {
    const roomId = occurrences[0].room_id as number;
    const path = await get(`/odata/01/rooms(${roomId})/occurrences?$orderby=id`);
    expect(path.body.value).toEqual(occurrences.filter((o) => o.room_id === roomId));
    const count = await get(`/odata/01/rooms(${roomId})/occurrences/$count`);
    expect(count.text).toBe(String(path.body.value.length));
    const paged = await request(t.url)
      .get(`/odata/01/rooms(${roomId})/occurrences?$orderby=id`)
      .set('Authorization', `Bearer ${actors.writer}`)
      .set('Prefer', 'odata.maxpagesize=1')
      .expect(200);
    expect(paged.body['@odata.nextLink']).toMatch(new RegExp(`/odata/01/rooms\\(${roomId}\\)/occurrences\\?`));
    const room = await get(`/odata/01/occurrences(${occurrences[0].id})/room`);
    expect(room.body).toMatchObject({ '@odata.context': `${t.url}/odata/01/$metadata#rooms/$entity`, id: roomId });
    const missing = await request(t.url).get('/odata/01/rooms(999999)/occurrences').set('Authorization', `Bearer ${actors.writer}`);
    expect(missing.status).toBe(404);
    const unknown = await request(t.url).get('/odata/01/rooms(1)/doors').set('Authorization', `Bearer ${actors.writer}`);
    expect(unknown.body).toEqual({ error: { code: 'not_found', message: 'rooms has no navigation property "doors"', target: 'doors' } });
  });

  it('filters with any and all over a collection navigation property', async () => {
    const rooms: Row[] = (await get('/odata/01/rooms?$select=id')).body.value;
    const ids = (filter: string) =>
      get(`/odata/01/rooms?$select=id&$filter=${encodeURIComponent(filter)}`).then((r) => r.body.value.map((row: Row) => row.id));
    const of = (room: Row) => occurrences.filter((o) => o.room_id === room.id);
    expect(await ids('occurrences/any(o: o/quantity gt 5)')).toEqual(
      rooms.filter((r) => of(r).some((o) => (o.quantity as number) > 5)).map((r) => r.id),
    );
    expect(await ids('occurrences/all(o: o/quantity gt 5)')).toEqual(
      rooms.filter((r) => of(r).every((o) => (o.quantity as number) > 5)).map((r) => r.id),
    );
    expect(await ids('not occurrences/any()')).toEqual(rooms.filter((r) => of(r).length === 0).map((r) => r.id));
    expect(await ids('occurrences/any(o: o/quantity gt floor and $it/id eq o/room_id)')).toEqual(
      (await get('/odata/01/rooms?$select=id,floor')).body.value
        .filter((r: Row) => of(r).some((o) => r.floor !== null && (o.quantity as number) > (r.floor as number)))
        .map((r: Row) => r.id),
    );
  });

  it('reads an expanded page with one query per expanded level, keyed by the page ids', async () => {
    const statements: string[] = [];
    const logger = t.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query: string, parameters?: unknown[]) => {
      statements.push(query);
      return original(query, parameters);
    };
    try {
      await get('/odata/01/rooms?$top=30&$expand=occurrences($expand=item)');
    } finally {
      logger.logQuery = original;
    }
    const reads = statements.filter((sql) => /^SELECT/i.test(sql) && !/project_databases|personal|api_keys|users|clients|roles/.test(sql));
    expect(reads.map((sql) => /FROM (\S+)/.exec(sql)![1].replace(/[`"]/g, ''))).toEqual(['rooms', 'occurrences', 'items']);
  });

  it.each([
    ['one run of consecutive ids', ''],
    ['runs of four with gaps', 'id mod 5 ne 0'],
    ['runs of two with gaps', 'id mod 3 ne 0'],
    ['scattered ids', 'id mod 2 eq 0'],
    ['a run, then scattered ids', 'id lt 12 or id mod 3 eq 0'],
  ])("expands each room's own occurrences whatever the shape of the page's ids: %s", async (_, filter) => {
    const query = `$select=id${filter ? `&$filter=${encodeURIComponent(filter)}` : ''}&$expand=occurrences($select=id;$orderby=id)`;
    const rooms: { id: number; occurrences: Row[] }[] = (await get(`/odata/01/rooms?${query}`)).body.value;
    expect(rooms.length).toBeGreaterThan(5);
    for (const room of rooms) {
      expect(room.occurrences.map((o) => o.id)).toEqual(occurrences.filter((o) => o.room_id === room.id).map((o) => o.id));
    }
  });

  it('never expands a related row of another database, even one written around the API to point here', async () => {
    const roomId = occurrences[0].room_id as number;
    const foreignItem = (await get('/odata/02/items?$top=1')).body.value[0].id;
    await t.dataSource.query(
      "INSERT INTO occurrences (database_id, room_id, item_id, quantity, updated_at) VALUES ('02', ?, ?, 99, '2026-01-01 00:00:00.000')",
      [roomId, foreignItem],
    );
    const room = await get(`/odata/01/rooms(${roomId})?$expand=occurrences`);
    expect(room.body.occurrences.map((o: Row) => o.id)).toEqual(occurrences.filter((o) => o.room_id === roomId).map((o) => o.id));
  });

  it.each([
    ['$expand=doors', 400, /"doors" is not a navigation property of rooms; it has occurrences/],
    ['$expand=*', 501, /\$expand=\* is not supported/],
    ['$expand=occurrences($levels=2)', 501, /\$levels inside \$expand/],
    ['$expand=occurrences($top=x)', 400, /\$top/],
    ['$expand=occurrences($expand=room($expand=occurrences($expand=item)))', 400, /nested more than 3 levels/],
  ])('answers %s with %d', async (query, status, message) => {
    const res = await request(t.url).get(`/odata/01/rooms?${query}`).set('Authorization', `Bearer ${actors.writer}`);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });
});

import request from 'supertest';
import { TombstoneSweeper } from '../../src/resources/delta/tombstone.sweeper';
import { startTestApp, TestApp } from '../support/test-app';
import { ResourceActors, startResourceApp } from './resource-fixtures';

type Row = Record<string, unknown> & { id: number };
type Entry = Row & { '@removed'?: { reason: string } };

/**
 * Delta sync (issue 12 item 4) across two instances on one database: a tracked full pull while
 * both write, then delta pulls; the replica built from them must equal the data, with every
 * deletion seen and no entry sent twice in one pull.
 */
describe('delta sync with Prefer: odata.track-changes and delta links', () => {
  let one: TestApp;
  let two: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t: one, actors } = await startResourceApp(40));
    two = await startTestApp({}, { database: one.database });
  });
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
  });

  const auth = () => `Bearer ${actors.writer}`;
  const apps = () => [one, two];
  let made = 0;

  /** A burst of writes, alternating instances and running concurrently: inserts, updates, deletes. */
  async function writeBurst(ids: number[]): Promise<{ deleted: number[] }> {
    const deleted = ids.splice(0, 2);
    const updates = ids.slice(0, 3);
    await Promise.all([
      ...[0, 1, 2].map((i) =>
        request(apps()[i % 2].url)
          .post('/odata/01/rooms')
          .set('Authorization', auth())
          .send({ number: `N.${++made}`, name: `New ${made}`, status: 'planned' })
          .expect(201)
          .then((r) => {
            ids.push(r.body.id);
          }),
      ),
      ...updates.map((id, i) =>
        request(apps()[(i + 1) % 2].url)
          .patch(`/odata/01/rooms(${id})`)
          .set('Authorization', auth())
          .send({ name: `Renamed ${made}-${i}` })
          .expect(204),
      ),
      ...deleted.map((id, i) =>
        request(apps()[i % 2].url)
          .delete(`/odata/01/rooms(${id})`)
          .set('Authorization', auth())
          .expect(204),
      ),
    ]);
    return { deleted };
  }

  /** Follows next links to the end; applies every entry to the replica. */
  async function pull(
    app: TestApp,
    url: string,
    replica: Map<number, Row>,
    prefer: string,
  ): Promise<{ deltaLink: string; entries: Entry[] }> {
    const entries: Entry[] = [];
    let next: string | undefined = url;
    for (;;) {
      const res: request.Response = await request(next).get('').set('Authorization', auth()).set('Prefer', prefer).expect(200);
      for (const entry of res.body.value as Entry[]) {
        entries.push(entry);
        if (entry['@removed']) replica.delete(entry.id);
        else replica.set(entry.id, entry);
      }
      if (res.body['@odata.deltaLink']) return { deltaLink: res.body['@odata.deltaLink'], entries };
      next = res.body['@odata.nextLink'];
      expect(next).toBeDefined();
      next = next!.replace(/^http:\/\/127\.0\.0\.1:\d+/, app === one ? two.url : one.url);
    }
  }

  async function everything(): Promise<Map<number, Row>> {
    const res = await request(one.url).get('/odata/01/rooms?$orderby=id').set('Authorization', auth()).expect(200);
    return new Map(res.body.value.map((row: Row) => [row.id, row]));
  }

  it('loses no change and repeats none, across two instances writing while the client pages', async () => {
    const replica = new Map<number, Row>();
    const ids = [...(await everything()).keys()];
    const first = await request(one.url)
      .get('/odata/01/rooms?$orderby=id')
      .set('Authorization', auth())
      .set('Prefer', 'odata.track-changes,odata.maxpagesize=7')
      .expect(200);
    expect(first.headers['preference-applied']).toBe('odata.maxpagesize=7, odata.track-changes');
    for (const row of first.body.value) replica.set(row.id, row);
    const allDeleted: number[] = [];
    allDeleted.push(...(await writeBurst(ids)).deleted);
    const initial = await pull(two, first.body['@odata.nextLink'].replace(one.url, two.url), replica, 'odata.maxpagesize=7');
    expect(initial.deltaLink).toMatch(/\/odata\/01\/rooms\?\$deltatoken=/);

    let deltaLink = initial.deltaLink;
    for (let round = 0; round < 3; round++) {
      allDeleted.push(...(await writeBurst(ids)).deleted);
      const delta = await pull(round % 2 ? one : two, deltaLink, replica, 'odata.maxpagesize=3');
      const keys = delta.entries.map((e) => e.id);
      expect(new Set(keys).size).toBe(keys.length);
      deltaLink = delta.deltaLink;
    }
    expect(replica).toEqual(await everything());
    for (const id of allDeleted) expect(replica.has(id)).toBe(false);
    const quiet = await request(deltaLink).get('').set('Authorization', auth()).expect(200);
    expect(quiet.body).toEqual({
      '@odata.context': `${one.url}/odata/01/$metadata#rooms/$delta`,
      value: [],
      '@odata.deltaLink': expect.stringContaining('$deltatoken='),
    });
  });

  it('reports deletions as @removed entries, cascaded ones too', async () => {
    const start = await request(one.url)
      .get('/odata/01/occurrences')
      .set('Authorization', auth())
      .set('Prefer', 'odata.track-changes')
      .expect(200);
    const occurrence = start.body.value[0];
    const siblings = start.body.value.filter((o: Row) => o.room_id === occurrence.room_id).map((o: Row) => o.id);
    const roomsStart = await request(one.url)
      .get('/odata/01/rooms?$select=id')
      .set('Authorization', auth())
      .set('Prefer', 'odata.track-changes')
      .expect(200);
    await request(two.url).delete(`/odata/01/rooms(${occurrence.room_id})`).set('Authorization', auth()).expect(204);
    const rooms = await request(roomsStart.body['@odata.deltaLink']).get('').set('Authorization', auth()).expect(200);
    expect(rooms.body.value).toEqual([{ '@removed': { reason: 'deleted' }, id: occurrence.room_id }]);
    const occurrences = await request(start.body['@odata.deltaLink']).get('').set('Authorization', auth()).expect(200);
    expect(occurrences.body.value.map((e: Entry) => [e.id, e['@removed']?.reason])).toEqual(siblings.map((id: number) => [id, 'deleted']));
  });

  it('carries $filter and $select into the delta link; a row that stops matching is removed as changed', async () => {
    const start = await request(one.url)
      .get(`/odata/01/rooms?$filter=${encodeURIComponent("startswith(name,'Keep')")}&$select=name`)
      .set('Authorization', auth())
      .set('Prefer', 'odata.track-changes')
      .expect(200);
    const link: string = start.body['@odata.deltaLink'];
    expect(decodeURIComponent(link)).toContain("$filter=startswith(name,'Keep')&$select=name&$deltatoken=");
    const kept = await request(two.url)
      .post('/odata/01/rooms')
      .set('Authorization', auth())
      .send({ number: 'K.1', name: 'Keep me', status: 'planned' })
      .expect(201);
    const other = await request(two.url)
      .post('/odata/01/rooms')
      .set('Authorization', auth())
      .send({ number: 'K.2', name: 'Keep too', status: 'planned' })
      .expect(201);
    await request(one.url).patch(`/odata/01/rooms(${other.body.id})`).set('Authorization', auth()).send({ name: 'Dropped' }).expect(204);
    const delta = await request(link).get('').set('Authorization', auth()).expect(200);
    expect(delta.body['@odata.context']).toBe(`${one.url}/odata/01/$metadata#rooms(id,name)/$delta`);
    expect(delta.body.value).toEqual([
      { id: kept.body.id, name: 'Keep me' },
      { '@removed': { reason: 'changed' }, id: other.body.id },
    ]);
  });

  // Review of 4 December: the delta link dropped $apply=filter(…), so it covered more rows than the pull.
  it('carries an $apply of filters into the delta link like $filter', async () => {
    const start = await request(one.url)
      .get(`/odata/01/rooms?$apply=${encodeURIComponent("filter(startswith(name,'Apply'))")}&$select=name`)
      .set('Authorization', auth())
      .set('Prefer', 'odata.track-changes')
      .expect(200);
    const link: string = start.body['@odata.deltaLink'];
    expect(decodeURIComponent(link)).toContain("$apply=filter(startswith(name,'Apply'))");
    const wanted = await request(two.url)
      .post('/odata/01/rooms')
      .set('Authorization', auth())
      .send({ number: 'A.1', name: 'Apply me', status: 'planned' })
      .expect(201);
    const other = await request(two.url)
      .post('/odata/01/rooms')
      .set('Authorization', auth())
      .send({ number: 'A.2', name: 'Not me', status: 'planned' })
      .expect(201);
    const delta = await request(link).get('').set('Authorization', auth()).expect(200);
    // As with $filter: a changed row outside the filter is "removed as changed", never sent in full.
    expect(delta.body.value).toEqual([
      { id: wanted.body.id, name: 'Apply me' },
      { '@removed': { reason: 'changed' }, id: other.body.id },
    ]);
  });

  it('gives the REST mount the same through Link rel="delta" and ?$deltatoken=', async () => {
    const first = await request(one.url)
      .get('/api/database/01/rooms?$select=id,name')
      .set('Authorization', auth())
      .set('Prefer', 'odata.track-changes')
      .expect(200);
    const delta = /<([^>]+)>; rel="delta"/.exec(first.headers.link)![1];
    const created = await request(two.url)
      .post('/api/database/01/rooms')
      .set('Authorization', auth())
      .send({ number: 'R.1', name: 'Via REST', status: 'planned' })
      .expect(201);
    const res = await request(delta).get('').set('Authorization', auth()).expect(200);
    expect(res.body).toEqual([{ id: created.body.id, name: 'Via REST' }]);
    expect(res.headers.link).toMatch(/<[^>]+\$deltatoken=[^>]+>; rel="delta"/);
  });

  it('answers 410 with an OData error for a delta link older than the retention, or whose tombstones were swept', async () => {
    const start = await request(one.url)
      .get('/odata/01/rooms?$select=id')
      .set('Authorization', auth())
      .set('Prefer', 'odata.track-changes')
      .expect(200);
    const victim = (
      await request(one.url)
        .post('/odata/01/rooms')
        .set('Authorization', auth())
        .send({ number: 'S.1', name: 'Swept', status: 'planned' })
        .expect(201)
    ).body.id;
    await request(one.url).delete(`/odata/01/rooms(${victim})`).set('Authorization', auth()).expect(204);
    await one.dataSource.query("UPDATE resource_tombstones SET deleted_at = '2000-01-01 00:00:00.000'");
    expect(await one.app.get(TombstoneSweeper).sweep()).toBeGreaterThan(0);
    const res = await request(start.body['@odata.deltaLink']).get('').set('Authorization', auth());
    expect(res.status).toBe(410);
    expect(res.body).toEqual({
      error: {
        code: 'delta_expired',
        message: expect.stringMatching(/older than the change retention \(30 days\).*Prefer: odata.track-changes/),
        target: '$deltatoken',
      },
    });
    const old = Buffer.from(JSON.stringify([999999, Math.floor(Date.now() / 1000) - 31 * 86400])).toString('base64url');
    expect((await request(one.url).get(`/odata/01/rooms?$deltatoken=${old}`).set('Authorization', auth())).status).toBe(410);
    expect((await request(one.url).get('/odata/01/rooms?$deltatoken=garbage!').set('Authorization', auth())).status).toBe(400);
    expect((await request(one.url).get(`/odata/01/rooms?$deltatoken=${old}&$orderby=name`).set('Authorization', auth())).status).toBe(501);
  });
});

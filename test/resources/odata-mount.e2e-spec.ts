import { parse as parseEdmx } from '@sap-ux/edmx-parser';
import { o } from 'odata';
import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { basicHeader, ResourceActors, startResourceApp } from './resource-fixtures';

/** The headers Power Query (Excel, Power BI "From OData Feed") sends. */
const POWER_QUERY = {
  'OData-MaxVersion': '4.0',
  'OData-Version': '4.0',
  MaxDataServiceVersion: '3.0',
  Accept:
    'application/json;odata.metadata=minimal;q=1.0,application/json;odata=minimalmetadata;q=0.9,application/atomsvc+xml;q=0.8,application/atom+xml;q=0.8,application/xml;q=0.7,text/plain;q=0.7',
  'User-Agent': 'Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)',
};

describe('OData v4 mount /odata/:db/', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(25, { PAGE_SIZE_DEFAULT: '10', PAGE_SIZE_MAX: '20' }));
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, auth = `Bearer ${actors.writer}`) => request(t.url).get(path).set('Authorization', auth);

  it('serves a service document listing the entity sets', async () => {
    const res = await get('/odata/01/').expect(200);
    expect(res.headers['content-type']).toBe('application/json;odata.metadata=minimal');
    expect(res.body).toEqual({
      '@odata.context': `${t.url}/odata/01/$metadata`,
      value: [
        { name: 'rooms', kind: 'EntitySet', url: 'rooms' },
        { name: 'items', kind: 'EntitySet', url: 'items' },
        { name: 'occurrences', kind: 'EntitySet', url: 'occurrences' },
      ],
    });
    await get('/odata/01').expect(200);
  });

  it('serves $metadata that an independent CSDL parser reads, keys declared', async () => {
    const res = await get('/odata/01/$metadata').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const metadata = parseEdmx(res.text);
    const room = metadata.schema.entityTypes.find((type: { name: string }) => type.name === 'Room')!;
    expect(room.keys.map((key: { name: string }) => key.name)).toEqual(['id']);
    expect(room.entityProperties.find((p: { name: string }) => p.name === 'area')?.type).toBe('Edm.Double');
    expect(metadata.schema.entitySets.map((set: { name: string }) => set.name)).toEqual(['rooms', 'items', 'occurrences']);
  });

  it('answers collections with an absolute context, count and next link, and exactly one OData-Version', async () => {
    const res = await get('/odata/01/rooms?$count=true').set(POWER_QUERY).expect(200);
    expect(res.headers['content-type']).toBe('application/json;odata.metadata=minimal');
    // Node joins repeated headers with ", ": exactly "4.0" means exactly one header.
    expect(res.headers['odata-version']).toBe('4.0');
    expect(res.body['@odata.context']).toBe(`${t.url}/odata/01/$metadata#rooms`);
    expect(res.body['@odata.count']).toBe(25);
    expect(res.body.value).toHaveLength(10);
    expect(res.body['@odata.nextLink']).toMatch(new RegExp(`^${t.url}/odata/01/rooms\\?\\$count=true&\\$skiptoken=`));
    expect(Object.keys(res.body)).toEqual(['@odata.context', '@odata.count', 'value', '@odata.nextLink']);
  });

  it('answers the first page the same when Power Query asks twice', async () => {
    const first = await get('/odata/01/rooms').set(POWER_QUERY).expect(200);
    const second = await get('/odata/01/rooms').set(POWER_QUERY).expect(200);
    expect(second.body).toEqual(first.body);
  });

  it('lets $top cap the whole result, paging inside it', async () => {
    const first = await get('/odata/01/rooms?$top=15').expect(200);
    expect(first.body.value).toHaveLength(10);
    const next = first.body['@odata.nextLink'] as string;
    expect(next).toContain('$top=5');
    const second = await get(next.slice(t.url.length)).expect(200);
    expect(second.body.value).toHaveLength(5);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect(second.body.value[0].id).toBe(first.body.value[9].id + 1);
  });

  it('honours Prefer: odata.maxpagesize', async () => {
    const res = await get('/odata/01/rooms').set('Prefer', 'odata.maxpagesize=3').expect(200);
    expect(res.body.value).toHaveLength(3);
    expect(res.headers['preference-applied']).toBe('odata.maxpagesize=3');
    const capped = await get('/odata/01/rooms').set('Prefer', 'odata.maxpagesize=500').expect(200);
    expect(capped.body.value).toHaveLength(20);
    expect(capped.headers['preference-applied']).toBe('odata.maxpagesize=20');
  });

  it('narrows the context URL with $select', async () => {
    const res = await get('/odata/01/rooms?$select=name&$top=1').expect(200);
    expect(res.body['@odata.context']).toBe(`${t.url}/odata/01/$metadata#rooms(id,name)`);
    expect(Object.keys(res.body.value[0])).toEqual(['id', 'name']);
  });

  it('answers rooms(<key>) and rooms/$count', async () => {
    const list = await get('/odata/01/rooms?$top=1').expect(200);
    const room = list.body.value[0];
    const one = await get(`/odata/01/rooms(${room.id})`).expect(200);
    expect(one.body).toEqual({ '@odata.context': `${t.url}/odata/01/$metadata#rooms/$entity`, '@odata.etag': 'W/"0"', ...room });
    await get(`/odata/01/rooms(id=${room.id})`).expect(200);
    await get('/odata/01/%24metadata').expect(200);
    const count = await get("/odata/01/rooms/$count?$filter=startswith(number,'A.U1.00')").expect(200);
    expect(count.headers['content-type']).toMatch(/^text\/plain/);
    expect(count.text).toBe('9');
    expect((await get('/odata/01/rooms/$count').expect(200)).text).toBe('25');
    expect(count.headers['odata-version']).toBe('4.0');
  });

  it('answers unknown sets, keys and paths with 404 in the OData error format', async () => {
    const unknownSet = await get('/odata/01/spaces').expect(404);
    expect(unknownSet.body).toEqual({ error: { code: 'not_found', message: 'There is no entity set "spaces"', target: 'spaces' } });
    expect(unknownSet.headers['odata-version']).toBe('4.0');
    await get('/odata/01/rooms(999999)').expect(404);
    await get('/odata/01/rooms/1/2').expect(404);
    const badKey = await get("/odata/01/rooms('x')").expect(400);
    expect(badKey.body.error.code).toBe('bad_request');
  });

  it('answers a bad query with 400 naming the option, without SQL or stack', async () => {
    const res = await get("/odata/01/rooms?$filter=name eq 'x' and").expect(400);
    expect(res.body.error).toMatchObject({ code: 'bad_query_option', target: '$filter' });
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|sqlite|at .*\.ts/i);
  });

  it('challenges Power Query for credentials first, with OData-Version on the 401', async () => {
    const res = await request(t.url).get('/odata/01/').set(POWER_QUERY).expect(401);
    expect(res.headers['www-authenticate']).toContain('Basic realm="Tessera"');
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.headers['odata-version']).toBe('4.0');
    const authed = await request(t.url).get('/odata/01/').set(POWER_QUERY).set('Authorization', basicHeader('', actors.apiKey)).expect(200);
    expect(authed.body.value).toHaveLength(3);
  });

  it('is read by an independent OData client (o.js), following next links to the end', async () => {
    const client = o(`${t.url}/odata/01/`, { headers: { Authorization: basicHeader('', actors.apiKey) }, fragment: '' });
    const seen: number[] = [];
    let page = await client.get('rooms').query({ $select: 'id,number', $orderby: 'number desc' });
    for (;;) {
      seen.push(...page.value.map((room: { id: number }) => room.id));
      if (!page['@odata.nextLink']) break;
      page = await o(page['@odata.nextLink'], { headers: { Authorization: basicHeader('', actors.apiKey) }, fragment: '' })
        .get()
        .query();
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });
});

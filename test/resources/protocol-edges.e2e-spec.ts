import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { ResourceActors, startResourceApp } from './resource-fixtures';

/** OData protocol edges (issue 12 item 5): 501 / 406 / 412 / 304 / 405, JSON CSDL and capabilities. */
describe('OData protocol edges', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => ({ t, actors } = await startResourceApp(10)));
  afterAll(async () => {
    await t?.close();
  });

  const auth = () => `Bearer ${actors.writer}`;
  const get = (path: string) => request(t.url).get(path).set('Authorization', auth());

  it.each([
    ['/odata/01/$batch', '$batch'],
    ['/odata/01/rooms?$compute=area%20mul%202%20as%20double', '$compute'],
    ['/odata/01/rooms?$filter=name%20has%20%27x%27', '$filter'],
    ['/odata/01/rooms(1)/$ref', 'rooms(1)/$ref'],
    ['/odata/01/rooms?$expand=*', '$expand'],
    ['/odata/01/rooms(1)/occurrences?$apply=groupby((quantity))', 'occurrences'],
  ])('answers %s with 501 and an OData error', async (path, target) => {
    const res = await get(path);
    expect(res.status).toBe(501);
    expect(res.body).toEqual({ error: { code: 'not_implemented', message: expect.any(String), target } });
    expect(res.headers['odata-version']).toBe('4.0');
  });

  it('answers POST /$batch with 501 too, and keeps malformed requests 400', async () => {
    expect((await request(t.url).post('/odata/01/$batch').set('Authorization', auth()).send({})).status).toBe(501);
    expect((await get('/odata/01/rooms?$top=-1')).status).toBe(400);
    expect((await get('/odata/01/rooms?$frobnicate=1')).status).toBe(400);
  });

  it.each([
    ['/odata/01/rooms', 'application/atom+xml'],
    ['/odata/01/rooms', 'application/xml'],
    ['/api/database/01/rooms', 'text/html'],
    ['/odata/01/rooms(1)', 'text/csv, application/xml;q=0.5'],
    ['/odata/01/$metadata', 'text/html'],
  ])('answers %s with Accept: %s with 406', async (path, accept) => {
    const res = await get(path).set('Accept', accept);
    expect(res.status).toBe(406);
    expect(res.body.error).toEqual({ code: 'not_acceptable', message: expect.stringContaining('application/') });
  });

  it('serves what Power Query, Excel and browsers accept, and 406 for an unsupported $format', async () => {
    for (const accept of [
      'application/json;odata.metadata=minimal;q=1.0,application/json;odata.metadata=full;q=0.5,*/*;q=0.1',
      '*/*',
      'application/*',
      'application/json',
    ]) {
      expect((await get('/odata/01/rooms?$top=1').set('Accept', accept)).status).toBe(200);
    }
    const xml = await get('/odata/01/rooms?$format=xml');
    expect(xml.status).toBe(406);
    expect(xml.body.error.target).toBe('$format');
  });

  it('serves CSDL JSON for $format=json and Accept: application/json, XML otherwise, with navigation and capabilities', async () => {
    const xml = await get('/odata/01/$metadata').set('Accept', 'application/xml');
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.text).toContain('<NavigationProperty Name="occurrences" Type="Collection(Tessera.Occurrence)" Partner="room"/>');
    expect(xml.text).toContain(
      '<NavigationProperty Name="room" Type="Tessera.Room" Nullable="false" Partner="occurrences"><ReferentialConstraint Property="room_id" ReferencedProperty="id"/></NavigationProperty>',
    );
    expect(xml.text).toContain(
      '<EntitySet Name="rooms" EntityType="Tessera.Room"><NavigationPropertyBinding Path="occurrences" Target="occurrences"/>',
    );
    for (const term of [
      'Capabilities.BatchSupported" Bool="false"',
      'Capabilities.TopSupported" Bool="true"',
      'Capabilities.SkipSupported',
      'Capabilities.SortRestrictions',
      'Capabilities.ExpandRestrictions',
      'Capabilities.SearchRestrictions',
      'Capabilities.ChangeTracking',
      'Capabilities.FilterFunctions',
      'Aggregation.ApplySupported',
    ]) {
      expect(xml.text).toContain(`Term="${term}`);
    }
    for (const res of [await get('/odata/01/$metadata?$format=json'), await get('/odata/01/$metadata').set('Accept', 'application/json')]) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.$EntityContainer).toBe('Tessera.Container');
      expect(res.body.Tessera.Occurrence.room).toEqual({
        $Kind: 'NavigationProperty',
        $Type: 'Tessera.Room',
        $Partner: 'occurrences',
        $ReferentialConstraint: { room_id: 'id' },
      });
      expect(res.body.Tessera.Container.rooms['@Capabilities.ChangeTracking'].Supported).toBe(true);
      expect(res.body.Tessera.Container['@Capabilities.BatchSupported']).toBe(false);
    }
    const etag = xml.headers.etag;
    expect((await get('/odata/01/$metadata').set('If-None-Match', etag)).status).toBe(304);
  });

  it('gives entities ETags: If-None-Match → 304, If-Match on PATCH and DELETE → 412 when stale', async () => {
    const read = await get('/odata/01/rooms(3)').expect(200);
    const etag = read.headers.etag;
    expect(etag).toMatch(/^W\/"\d+"$/);
    expect(read.body['@odata.etag']).toBe(etag);
    expect((await get('/odata/01/rooms(3)').set('If-None-Match', etag)).status).toBe(304);
    await request(t.url).patch('/odata/01/rooms(3)').set('Authorization', auth()).set('If-Match', etag).send({ name: 'First' }).expect(204);
    const stale = await request(t.url)
      .patch('/odata/01/rooms(3)')
      .set('Authorization', auth())
      .set('If-Match', etag)
      .send({ name: 'Second' });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({
      error: { code: 'precondition_failed', message: 'Room 3 has changed since it was read (If-Match); read it again and retry' },
    });
    expect((await get('/odata/01/rooms(3)').expect(200)).body.name).toBe('First');
    const current = (await get('/api/database/01/rooms/3').expect(200)).headers.etag;
    expect(current).not.toBe(etag);
    expect((await get('/api/database/01/rooms/3').set('If-None-Match', current)).status).toBe(304);
    expect((await request(t.url).delete('/api/database/01/rooms/3').set('Authorization', auth()).set('If-Match', etag)).status).toBe(412);
    await request(t.url).delete('/api/database/01/rooms/3').set('Authorization', auth()).set('If-Match', current).expect(204);
    await request(t.url).patch('/odata/01/rooms(4)').set('Authorization', auth()).set('If-Match', '*').send({ name: 'Any' }).expect(204);
  });

  // Review of 4 December: a room body POSTed to rooms(1)/occurrences created a room (201).
  it('answers POST to a navigation path with 501 and creates nothing', async () => {
    const count = async () => Number((await get('/odata/01/rooms/$count').expect(200)).text);
    const before = await count();
    for (const path of ['/odata/01/rooms(1)/occurrences', '/odata/01/rooms(999999)/occurrences']) {
      const res = await request(t.url)
        .post(path)
        .set('Authorization', auth())
        .send({ number: 'X.1', name: 'Not a room', status: 'planned' });
      expect(res.status).toBe(501);
      expect(res.body.error).toMatchObject({ code: 'not_implemented', target: 'occurrences' });
    }
    expect(await count()).toBe(before);
  });

  // Review of 4 December (hardening): a console session's reads carry a cookie, not Authorization.
  it('marks every resource answer private, no-cache on both mounts (errors: no-store)', async () => {
    for (const path of [
      '/odata/01/rooms',
      '/odata/01/rooms(1)',
      '/odata/01/$metadata',
      '/api/database/01/rooms',
      '/api/database/01/rooms/1',
    ]) {
      expect((await get(path).expect(200)).headers['cache-control']).toBe('private, no-cache');
    }
    // Errors are never stored at all.
    expect((await request(t.url).get('/api/database/01/rooms')).headers['cache-control']).toBe('no-store');
  });

  it('answers PUT with 405 and Allow on both mounts', async () => {
    const odata = await request(t.url).put('/odata/01/rooms(1)').set('Authorization', auth()).send({ name: 'x' });
    expect(odata.status).toBe(405);
    expect(odata.headers.allow).toBe('GET, POST, PATCH, DELETE');
    expect(odata.body.error.code).toBe('method_not_allowed');
    const rest = await request(t.url).put('/api/database/01/rooms/1').set('Authorization', auth()).send({ name: 'x' });
    expect(rest.status).toBe(405);
    expect(rest.headers.allow).toBe('GET, PATCH, DELETE');
  });

  it('names the selected fields in the context of an entity read with $select', async () => {
    const res = await get('/odata/01/rooms(1)?$select=name').expect(200);
    expect(res.body['@odata.context']).toBe(`${t.url}/odata/01/$metadata#rooms(id,name)/$entity`);
  });

  it('deletes with Content-Type: application/json and no body (204)', async () => {
    const res = await request(t.url).delete('/odata/01/rooms(5)').set('Authorization', auth()).set('Content-Type', 'application/json');
    expect(res.status).toBe(204);
    const rest = await request(t.url)
      .delete('/api/database/01/rooms/6')
      .set('Authorization', auth())
      .set('Content-Type', 'application/json');
    expect(rest.status).toBe(204);
  });
});

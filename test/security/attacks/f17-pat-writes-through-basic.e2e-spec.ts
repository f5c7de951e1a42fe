import request from 'supertest';
import type { TestApp } from '../../support/test-app';
import { basicHeader, ResourceActors, startResourceApp } from '../../resources/resource-fixtures';

const room = { number: 'F17-1', name: 'Written through Basic', status: 'planned' };

/**
 * F17. Every Basic and `Reference` principal is read-only, whatever the key it carries.
 * Seen failing on f03f4d3: a personal access token with `read write` sent as `Basic :tpat_…` or
 * `Reference tpat_…` created rooms (201) on both mounts; only `tsk_` keys were read-only.
 */
describe('F17: a personal access token sent as Basic or Reference cannot write', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => ({ t, actors } = await startResourceApp(5)));
  afterAll(async () => {
    await t?.close();
  });

  const forms = () => [
    ['Basic :key', basicHeader('', actors.writer)],
    ['Basic apikey:key', basicHeader('apikey', actors.writer)],
    ['Basic key:', basicHeader(actors.writer, '')],
    ['Reference key', `Reference ${actors.writer}`],
  ];

  it('refuses writes on the REST mount in every form', async () => {
    for (const [, authorization] of forms()) {
      await request(t.url).post('/api/database/01/rooms').set('Authorization', authorization).send(room).expect(403);
      await request(t.url).patch('/api/database/01/rooms/1').set('Authorization', authorization).send({ name: 'Renamed' }).expect(403);
      await request(t.url).delete('/api/database/01/rooms/2').set('Authorization', authorization).expect(403);
    }
  });

  it('refuses writes on the OData mount in every form', async () => {
    for (const [, authorization] of forms()) {
      await request(t.url).post('/odata/01/rooms').set('Authorization', authorization).send(room).expect(403);
      await request(t.url).delete('/odata/01/rooms(3)').set('Authorization', authorization).expect(403);
    }
  });

  it('changed nothing, while the same token as Bearer still writes and every form still reads', async () => {
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM rooms WHERE number = 'F17-1' OR name = 'Renamed'`);
    expect(Number(n)).toBe(0);
    const [{ rooms }] = await t.dataSource.query(`SELECT COUNT(*) AS rooms FROM rooms WHERE database_id = '01'`);
    expect(Number(rooms)).toBe(5);
    for (const [, authorization] of forms())
      await request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', authorization).expect(200);
    await request(t.url).post('/api/database/01/rooms').set('Authorization', `Bearer ${actors.writer}`).send(room).expect(201);
  });
});

import request from 'supertest';
import { ResourceSeeder } from '../../../src/resources/seeds/resource-seeder';
import { UsersService } from '../../../src/users/users.service';
import type { TestApp } from '../../support/test-app';
import { basicHeader, ResourceActors, startResourceApp } from '../../resources/resource-fixtures';
import { bearer, loginToken } from '../support/flows';

/** Database ids the id rule (`^[A-Za-z0-9._-]{1,64}$`) allows that name members every JavaScript object inherits. */
const INHERITED = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];

/**
 * F19. A principal's database access was looked up as `databases[id]` in a plain object, so an id
 * naming an inherited member (`constructor`, `toString`, `__proto__`, …) found a function or the
 * prototype: "has access". Seen failing on 310fdc0 (found by a review session): pete, who may see
 * database 02 only, read every row of a database named `constructor` (200, and the count), so did
 * another person's read-only API key, a PATCH there answered 403 "you may read" instead of 404,
 * and a missing database of such a name answered 200 `[]` instead of 404.
 */
describe('F19: a database named like an inherited object member is visible only to those given it', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(5));
    const seeder = new ResourceSeeder(t.dataSource);
    await seeder.seed('constructor', 'Board Room Plans', { rooms: 4, items: 2, occurrences: 3 });
    await seeder.seed('toString', 'Annex', { rooms: 3, items: 1, occurrences: 1 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 404 on both mounts to a person and an API key not given it, for existing and missing ones', async () => {
    for (const id of INHERITED) {
      await request(t.url).get(`/odata/${id}/rooms?$count=true`).set('Authorization', bearer(actors.partial)).expect(404);
      await request(t.url).get(`/odata/${id}/rooms/$count`).set('Authorization', bearer(actors.partial)).expect(404);
      await request(t.url).get(`/api/database/${id}/rooms?$top=1`).set('Authorization', bearer(actors.partial)).expect(404);
      await request(t.url).get(`/api/database/${id}/rooms?$top=1`).set('Authorization', basicHeader('', actors.apiKey)).expect(404);
    }
  });

  it('answers a write there with 404, as for a database that does not exist, and changes nothing', async () => {
    const patch = await request(t.url)
      .patch('/odata/constructor/rooms(1)')
      .set('Authorization', bearer(actors.partial))
      .send({ name: 'Taken over' });
    expect(patch.status).toBe(404);
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM rooms WHERE name = 'Taken over'`);
    expect(Number(n)).toBe(0);
  });

  it('still lets a person who was given such a database read it, and only it', async () => {
    const users = t.app.get(UsersService);
    await users.create({
      username: 'cora',
      password: 'cora-password-1234',
      roles: ['Planner'],
      databaseAccess: { constructor: 'read' as const },
    });
    const cora = await loginToken(t, { username: 'cora', password: 'cora-password-1234' });
    const rows = await request(t.url).get('/odata/constructor/rooms?$count=true').set('Authorization', bearer(cora)).expect(200);
    expect(rows.body['@odata.count']).toBe(4);
    await request(t.url).get('/odata/toString/rooms').set('Authorization', bearer(cora)).expect(404);
    await request(t.url).get('/odata/02/rooms').set('Authorization', bearer(cora)).expect(404);
  });
});

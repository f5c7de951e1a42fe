import request from 'supertest';
import { ClientsService } from '../../../src/clients/clients.service';
import type { TestApp } from '../../support/test-app';
import { ResourceActors, startResourceApp } from '../../resources/resource-fixtures';

const bearer = (token: string) => `Bearer ${token}`;

/**
 * F6. OData 4.01 lets a client spell option names in any case, and Tessera applies `$FILTER`.
 * The compiled query was cached under the raw `$filter` text, so a reader of database 02 who sent
 * `$FILTER=…` poisoned the plan every unfiltered request of every user used afterwards. Seen
 * failing on f03f4d3: after the poisoning request, wanda's `/api/database/01/rooms` answered `[]`.
 */
describe('F6: a query plan is cached by what was parsed, not by the raw option text', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => ({ t, actors } = await startResourceApp(30)));
  afterAll(async () => {
    await t?.close();
  });

  const poison = (path: string) => request(t.url).get(path).set('Authorization', bearer(actors.partial));

  it("keeps other users' REST pages whole after an upper-case $FILTER", async () => {
    const filtered = await poison('/api/database/02/rooms?$FILTER=id%20eq%20-1').expect(200);
    expect(filtered.body).toEqual([]);
    const res = await request(t.url).get('/api/database/01/rooms?$top=5').set('Authorization', bearer(actors.writer)).expect(200);
    expect(res.body).toHaveLength(5);
  });

  it("keeps other users' OData collections and counts whole", async () => {
    await poison('/odata/02/rooms?$Filter=id%20eq%20-1&$COUNT=true').expect(200);
    await poison('/odata/02/rooms/$count?$FILTER=id%20eq%20-1').expect(200);
    const list = await request(t.url).get('/odata/01/rooms?$count=true').set('Authorization', bearer(actors.writer)).expect(200);
    expect(list.body['@odata.count']).toBe(30);
    const count = await request(t.url).get('/odata/01/rooms/$count').set('Authorization', bearer(actors.writer)).expect(200);
    expect(count.text).toBe('30');
  });

  it('keeps an anonymous reader of a public database unaffected', async () => {
    const { client } = await t.app.get(ClientsService).create({
      ownerId: (await t.dataSource.query(`SELECT id FROM users WHERE username = 'wanda'`))[0].id,
      name: 'Open data viewer',
      description: null,
      redirectUris: [],
      postLogoutRedirectUris: [],
      confidential: false,
      grantTypes: ['authorization_code'],
      scopes: ['read'],
      accessTokenTtl: null,
      refreshTokenTtl: null,
      clientCredentialsRefresh: false,
    });
    await poison('/api/database/02/rooms?$fIlTeR=id%20eq%20-1&$select=id').expect(200);
    const res = await request(t.url).get(`/api/database/03/rooms?$select=id&client_id=${client.clientId}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(20);
  });

  it('keys a plan by the parsed $expand: an upper-case $EXPAND neither poisons nor misses the plan of $expand', async () => {
    const expanded = await poison('/odata/02/rooms?$EXPAND=occurrences($FILTER=id%20eq%20-1)&$top=3').expect(200);
    expect(expanded.body.value.map((room: { occurrences: unknown[] }) => room.occurrences)).toEqual([[], [], []]);
    const plain = await request(t.url).get('/odata/01/rooms?$top=3').set('Authorization', bearer(actors.writer)).expect(200);
    expect(plain.body.value.every((room: object) => !('occurrences' in room))).toBe(true);
    const full = await request(t.url)
      .get('/odata/01/rooms?$expand=occurrences&$top=30')
      .set('Authorization', bearer(actors.writer))
      .expect(200);
    expect(full.body.value.flatMap((room: { occurrences: unknown[] }) => room.occurrences)).toHaveLength(60);
  });

  it("applies $Apply and $SEARCH whatever their case, without changing anyone else's plan", async () => {
    const grouped = await poison('/odata/02/rooms?$Apply=filter(id%20eq%20-1)/groupby((status))').expect(200);
    expect(grouped.body.value).toEqual([]);
    const searched = await poison('/odata/02/rooms?$SEARCH=nothing-matches-this&$top=3').expect(200);
    expect(searched.body.value).toEqual([]);
    const mixed = await poison('/api/database/02/rooms?$APPLY=filter(id%20eq%20-1)').expect(200);
    expect(mixed.body).toEqual([]);
    const plain = await request(t.url).get('/odata/01/rooms?$top=3').set('Authorization', bearer(actors.writer)).expect(200);
    expect(plain.body.value).toHaveLength(3);
    await request(t.url)
      .get('/odata/01/rooms?$apply=filter(id%20eq%201)&$Apply=filter(id%20eq%202)')
      .set('Authorization', bearer(actors.writer))
      .expect(400);
  });

  it('applies an option whatever the case of its name, and refuses it twice in two spellings', async () => {
    const res = await request(t.url)
      .get('/api/database/01/rooms?$FILTER=id%20eq%203')
      .set('Authorization', bearer(actors.writer))
      .expect(200);
    expect(res.body.map((room: { id: number }) => room.id)).toEqual([3]);
    await request(t.url)
      .get('/api/database/01/rooms?$filter=id%20eq%203&$FILTER=id%20eq%204')
      .set('Authorization', bearer(actors.writer))
      .expect(400);
  });
});

import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { basicHeader, ResourceActors, startResourceApp } from './resource-fixtures';

describe('REST mount /api/database/:db/<set>', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(30));
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, auth = `Bearer ${actors.writer}`) => request(t.url).get(path).set('Authorization', auth);

  it('answers the dRofus example: Basic ":key", $skip=1&$top=1 → the second room and a next link', async () => {
    const all = await get('/api/database/01/rooms?$top=2').expect(200);
    const res = await get('/api/database/01/rooms?$skip=1&$top=1', basicHeader('', actors.apiKey)).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual([all.body[1]]);
    expect(res.headers.link).toMatch(new RegExp(`^<${t.url}/api/database/01/rooms\\?\\$top=1&\\$skiptoken=[A-Za-z0-9_-]+>; rel="next"`));
    expect(res.headers.link).toContain(`<${t.url}/api/database/01/rooms?$top=1>; rel="prev"`);
    expect(res.headers.link).toContain(`<${t.url}/api/database/01/rooms?$top=1>; rel="first"`);
  });

  it('returns rows with every declared field', async () => {
    const res = await get('/api/database/01/rooms?$top=1').expect(200);
    expect(Object.keys(res.body[0])).toEqual(['id', 'number', 'name', 'floor', 'department', 'function', 'area', 'status', 'updated_at']);
    expect(res.body[0].updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

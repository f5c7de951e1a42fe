import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

/** Management lists are bare arrays that page with $top/$skip and a Link header. */
describe("paging of a person's own lists (/api/keys, /api/apps, /api/grants)", () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(UsersService).create({ username: 'lena', password: 'lena-password-123', roles: ['Consumer'] });
    cookie = await sessionCookieFor(t, 'lena');
    for (const name of ['one', 'two', 'three'])
      await request(t.url).post('/api/keys').set(consoleHeaders(t, cookie)).send({ name }).expect(201);
    for (const name of ['App A', 'App B', 'App C']) {
      await request(t.url)
        .post('/api/apps')
        .set(consoleHeaders(t, cookie))
        .send({ name, redirect_uris: ['https://app.example/cb'] })
        .expect(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (path: string) => request(t.url).get(path).set(consoleHeaders(t, cookie));

  it('answers the whole list without paging parameters, and no Link header', async () => {
    const keys = await list('/api/keys').expect(200);
    expect(keys.body).toHaveLength(3);
    expect(keys.headers.link).toBeUndefined();
  });

  it.each(['/api/keys', '/api/apps'])('pages %s with $top and $skip, with absolute next, prev and first links', async (path) => {
    const all = (await list(path).expect(200)).body as object[];
    const first = await list(`${path}?$top=2&$count=true`).expect(200);
    expect(first.body).toEqual(all.slice(0, 2));
    expect(first.headers['x-total-count']).toBe('3');
    expect(first.headers.link).toBe(`<${t.url}${path}?$top=2&$count=true&$skip=2>; rel="next"`);
    const second = await list(`${path}?$top=2&$skip=2`).expect(200);
    expect(second.body).toEqual(all.slice(2));
    expect(second.headers.link).toBe(`<${t.url}${path}?$top=2&$skip=0>; rel="prev", <${t.url}${path}?$top=2&$skip=0>; rel="first"`);
  });

  it('answers an empty page for $top=0 and for $skip past the end', async () => {
    expect((await list('/api/apps?$top=0').expect(200)).body).toEqual([]);
    expect((await list('/api/grants?$skip=5').expect(200)).body).toEqual([]);
  });

  it.each(['$top=abc', '$top=-1', '$skip=1.5', '$top=5000'])('refuses %s with a 400 naming the parameter', async (query) => {
    const res = await list(`/api/keys?${query}`).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, target: query.split('=')[0] });
  });
});

import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { basic, createPerson, form } from './oauth-fixtures';

describe('client applications (/api/apps)', () => {
  let t: TestApp;
  let ann: { id: string; cookie: string };
  let bob: { id: string; cookie: string };
  beforeAll(async () => {
    t = await startTestApp();
    ann = await createPerson(t, 'ann');
    bob = await createPerson(t, 'bob');
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (body: object, cookie = ann.cookie) => request(t.url).post('/api/apps').set(consoleHeaders(t, cookie)).send(body);

  it('creates a confidential app, shows the secret once and stores only its hash', async () => {
    const res = await create({ name: 'Planner', description: 'Rooms', redirect_uris: ['https://app.example.com/cb'] }).expect(201);
    expect(res.body).toEqual({
      client_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      client_secret: expect.stringMatching(/^tcs_[A-Za-z0-9_-]{43}$/),
      name: 'Planner',
      description: 'Rooms',
      redirect_uris: ['https://app.example.com/cb'],
      post_logout_redirect_uris: [],
      confidential: true,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      scopes: ['read', 'openid', 'profile', 'email'],
      access_token_ttl: null,
      refresh_token_ttl: null,
      client_credentials_refresh: false,
      created_at: expect.any(String),
    });
    const listed = await request(t.url).get('/api/apps').set(consoleHeaders(t, ann.cookie)).expect(200);
    expect(listed.body.find((a: { client_id: string }) => a.client_id === res.body.client_id).client_secret).toBeUndefined();
    const one = await request(t.url).get(`/api/apps/${res.body.client_id}`).set(consoleHeaders(t, ann.cookie)).expect(200);
    expect(one.body.client_secret).toBeUndefined();
    expect(JSON.stringify(await t.dataSource.query('SELECT * FROM clients'))).not.toContain(res.body.client_secret);
  });

  it('creates a public app without a secret, and refuses client_credentials for it', async () => {
    const res = await create({ name: 'SPA', confidential: false, redirect_uris: ['http://localhost:5173/cb'] }).expect(201);
    expect(res.body.client_secret).toBeUndefined();
    expect(res.body.grant_types).toEqual(['authorization_code', 'refresh_token']);
    await create({ name: 'bad', confidential: false, redirect_uris: [], grant_types: ['client_credentials'] }).expect(400);
    await request(t.url).post(`/api/apps/${res.body.client_id}/secret`).set(consoleHeaders(t, ann.cookie)).expect(400);
  });

  it('validates the body with field errors', async () => {
    const res = await create({
      name: '',
      redirect_uris: ['not a uri', 'https://x.example.com/cb#frag'],
      grant_types: ['implicit'],
      scopes: ['everything'],
    }).expect(400);
    expect(res.body.message).toMatch(/name/);
    expect(res.body.message).toMatch(/redirect URI must be an absolute URI without a fragment/);
    expect(res.body.message).toMatch(/each grant type must be one of/);
    expect(res.body.message).toMatch(/each scope must be one of/);
    await create({ name: 'x', redirect_uris: [], unexpected: true }).expect(400);
  });

  it('rotates the secret: the new one works, the old one stops', async () => {
    const app = (await create({ name: 'Rotating', redirect_uris: [] }).expect(201)).body;
    const rotated = await request(t.url).post(`/api/apps/${app.client_id}/secret`).set(consoleHeaders(t, ann.cookie)).expect(201);
    expect(rotated.body.client_secret).not.toBe(app.client_secret);
    await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret)).expect(401);
    await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, rotated.body.client_secret)).expect(200);
  });

  it('updates an app', async () => {
    const app = (await create({ name: 'Old', redirect_uris: [] }).expect(201)).body;
    const res = await request(t.url)
      .patch(`/api/apps/${app.client_id}`)
      .set(consoleHeaders(t, ann.cookie))
      .send({ name: 'New', redirect_uris: ['https://new.example.com/cb'], scopes: ['read'], access_token_ttl: 600 })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'New', redirect_uris: ['https://new.example.com/cb'], scopes: ['read'], access_token_ttl: 600 });
    const token = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret)).expect(200);
    expect(token.body).toMatchObject({ expires_in: 600, scope: 'read' });
    await request(t.url).patch(`/api/apps/${app.client_id}`).set(consoleHeaders(t, ann.cookie)).send({ confidential: false }).expect(400);
  });

  it("keeps each person's apps to themselves", async () => {
    const app = (await create({ name: 'Mine', redirect_uris: [] }).expect(201)).body;
    await request(t.url).get(`/api/apps/${app.client_id}`).set(consoleHeaders(t, bob.cookie)).expect(404);
    await request(t.url).patch(`/api/apps/${app.client_id}`).set(consoleHeaders(t, bob.cookie)).send({ name: 'x' }).expect(404);
    await request(t.url).delete(`/api/apps/${app.client_id}`).set(consoleHeaders(t, bob.cookie)).expect(404);
    expect((await request(t.url).get('/api/apps').set(consoleHeaders(t, bob.cookie)).expect(200)).body).toEqual([]);
  });

  it('deletes an app and every token it holds', async () => {
    const app = (await create({ name: 'Doomed', redirect_uris: [], grant_types: ['client_credentials'] }).expect(201)).body;
    const token = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret)).expect(200);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(200);
    await request(t.url).delete(`/api/apps/${app.client_id}`).set(consoleHeaders(t, ann.cookie)).expect(204);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(401);
    await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret)).expect(401);
  });

  it('is not for applications acting for themselves', async () => {
    const app = (await create({ name: 'Machine', redirect_uris: [], grant_types: ['client_credentials'] }).expect(201)).body;
    const token = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret)).expect(200);
    await request(t.url).get('/api/apps').set('Authorization', `Bearer ${token.body.access_token}`).expect(403);
    await request(t.url).get('/api/apps').expect(401);
  });
});

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import type { TestApp } from '../support/test-app';
import { ResourceActors, startResourceApp } from './resource-fixtures';

describe('/api/admin/databases', () => {
  let t: TestApp;
  let actors: ResourceActors;
  let admin: string;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(5));
    admin = await sessionCookieFor(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the databases as { id, name, public }', async () => {
    const res = await request(t.url).get('/api/admin/databases').set(consoleHeaders(t, admin)).expect(200);
    expect(res.body).toEqual([
      { id: '01', name: 'Riverside Hospital', public: false },
      { id: '02', name: 'Harbour Office Tower', public: false },
      { id: '03', name: 'Open Data Campus', public: true },
    ]);
  });

  it('creates a database, refusing a taken id and bad input', async () => {
    const created = await request(t.url)
      .post('/api/admin/databases')
      .set(consoleHeaders(t, admin))
      .send({ id: '04', name: 'Depot' })
      .expect(201);
    expect(created.body).toEqual({ id: '04', name: 'Depot', public: false });
    await request(t.url).post('/api/admin/databases').set(consoleHeaders(t, admin)).send({ id: '04', name: 'Again' }).expect(409);
    const bad = await request(t.url).post('/api/admin/databases').set(consoleHeaders(t, admin)).send({ id: 'a/b', name: '' }).expect(400);
    expect(bad.body.message).toMatch(/id must be 1–64 letters/);
    const rooms = await request(t.url).get('/api/database/04/rooms').set(consoleHeaders(t, admin)).expect(200);
    expect(rooms.body).toEqual([]);
  });

  it('renames a database and makes it public', async () => {
    const res = await request(t.url)
      .patch('/api/admin/databases/02')
      .set(consoleHeaders(t, admin))
      .send({ name: 'Harbour Tower', public: true })
      .expect(200);
    expect(res.body).toEqual({ id: '02', name: 'Harbour Tower', public: true });
    await request(t.url).patch('/api/admin/databases/99').set(consoleHeaders(t, admin)).send({ public: true }).expect(404);
    await request(t.url).patch('/api/admin/databases/02').set(consoleHeaders(t, admin)).send({ public: 'yes' }).expect(400);
  });

  it('is for administrators only', async () => {
    await request(t.url).get('/api/admin/databases').set('Authorization', `Bearer ${actors.writer}`).expect(403);
    await request(t.url).get('/api/admin/databases').expect(401);
  });
});

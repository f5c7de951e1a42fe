import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { adminSession, personalToken } from './admin-support';

describe('AdminRolesController (/api/admin/roles)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({}, { twoFactorAsShipped: true });
    admin = await adminSession(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const roles = async () => (await request(t.url).get('/api/admin/roles').set(consoleHeaders(t, admin)).expect(200)).body;

  it('lists the shipped roles as a bare array, Consumer the default', async () => {
    const list = await roles();
    expect(list).toEqual(
      expect.arrayContaining([
        { name: 'Consumer', scopes: ['read', 'account', 'openid', 'profile', 'email'], is_default: true, two_factor_required: false },
        expect.objectContaining({ name: 'Administrator', is_default: false, two_factor_required: true }),
      ]),
    );
  });

  it('creates a role with scopes and edits them', async () => {
    const created = await request(t.url)
      .post('/api/admin/roles')
      .set(consoleHeaders(t, admin))
      .send({ name: 'Planner', scopes: ['read', 'write'] })
      .expect(201);
    expect(created.body).toEqual({ name: 'Planner', scopes: ['read', 'write'], is_default: false, two_factor_required: false });
    const edited = await request(t.url)
      .patch('/api/admin/roles/Planner')
      .set(consoleHeaders(t, admin))
      .send({ scopes: ['read'], two_factor_required: true })
      .expect(200);
    expect(edited.body).toEqual({ name: 'Planner', scopes: ['read'], is_default: false, two_factor_required: true });
    await request(t.url).post('/api/admin/roles').set(consoleHeaders(t, admin)).send({ name: 'Planner', scopes: [] }).expect(409);
  });

  it('keeps exactly one default role', async () => {
    await request(t.url)
      .post('/api/admin/roles')
      .set(consoleHeaders(t, admin))
      .send({ name: 'Newcomer', scopes: ['read'], is_default: true })
      .expect(201);
    let list = await roles();
    expect(list.filter((role: { is_default: boolean }) => role.is_default).map((role: { name: string }) => role.name)).toEqual([
      'Newcomer',
    ]);
    await request(t.url).patch('/api/admin/roles/Consumer').set(consoleHeaders(t, admin)).send({ is_default: true }).expect(200);
    list = await roles();
    expect(list.filter((role: { is_default: boolean }) => role.is_default).map((role: { name: string }) => role.name)).toEqual([
      'Consumer',
    ]);
    const unmark = await request(t.url)
      .patch('/api/admin/roles/Consumer')
      .set(consoleHeaders(t, admin))
      .send({ is_default: false })
      .expect(409);
    expect(unmark.body.message).toMatch(/always be a default role/);
    await request(t.url).delete('/api/admin/roles/Consumer').set(consoleHeaders(t, admin)).expect(409);
  });

  it('deletes a role, and answers 404 for an unknown one', async () => {
    await request(t.url)
      .post('/api/admin/roles')
      .set(consoleHeaders(t, admin))
      .send({ name: 'Temporary', scopes: ['read'] })
      .expect(201);
    await request(t.url).delete('/api/admin/roles/Temporary').set(consoleHeaders(t, admin)).expect(204);
    await request(t.url).delete('/api/admin/roles/Temporary').set(consoleHeaders(t, admin)).expect(404);
    await request(t.url).patch('/api/admin/roles/Nope').set(consoleHeaders(t, admin)).send({ scopes: [] }).expect(404);
  });

  it('refuses unknown scopes with field errors', async () => {
    const res = await request(t.url)
      .post('/api/admin/roles')
      .set(consoleHeaders(t, admin))
      .send({ name: '', scopes: ['superpowers'] })
      .expect(400);
    expect(res.body.message).toMatch(/each scope must be one of read, write, admin/);
    expect(res.body.message).toMatch(/name/);
  });

  it('needs the admin scope', async () => {
    const token = await personalToken(t, admin, ['read']);
    const res = await request(t.url).get('/api/admin/roles').set('Authorization', `Bearer ${token}`).expect(403);
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('audits role changes', async () => {
    await request(t.url)
      .post('/api/admin/roles')
      .set(consoleHeaders(t, admin))
      .send({ name: 'Audited', scopes: ['read'] })
      .expect(201);
    const log = await request(t.url).get('/api/admin/audit?type=role').set(consoleHeaders(t, admin)).expect(200);
    expect(log.body.map((entry: { event: string; target: string }) => `${entry.event} ${entry.target}`)).toContain('role.created Audited');
  });
});

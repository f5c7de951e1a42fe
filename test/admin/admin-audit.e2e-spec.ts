import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { AuditService } from '../../src/audit/audit.service';
import { startTestApp, TestApp } from '../support/test-app';
import { adminSession, personalToken } from './admin-support';

describe('AdminAuditController (/api/admin/audit)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminSession(t);
    const audit = t.app.get(AuditService);
    await audit.record({ event: 'login.failed', outcome: 'failure', actorName: 'mallory', details: { reason: 'wrong password' } });
    await audit.record({ event: 'login.succeeded', actorId: 'u-1', actorName: 'lena' });
    await audit.record({ event: 'key.created', actorId: 'u-1', actorName: 'lena', target: 'k-1' });
    await audit.record({ event: 'login_x.other', actorName: 'lena' });
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (query = '') => request(t.url).get(`/api/admin/audit${query}`).set(consoleHeaders(t, admin)).expect(200);

  it('answers newest first, every field present', async () => {
    const { body } = await get();
    expect(body[0]).toEqual({
      id: expect.any(Number),
      occurred_at: expect.any(String),
      event: 'login_x.other',
      outcome: 'success',
      actor_id: null,
      actor_name: 'lena',
      client_id: null,
      target: null,
      ip: null,
      details: null,
    });
    const ids = body.map((entry: { id: number }) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('filters by event family, exact type, user and outcome', async () => {
    expect((await get('?type=login')).body.map((e: { event: string }) => e.event)).toEqual(['login.succeeded', 'login.failed']);
    expect((await get('?type=login.failed')).body.map((e: { event: string }) => e.event)).toEqual(['login.failed']);
    expect((await get('?user=lena')).body.map((e: { event: string }) => e.event)).toEqual([
      'login_x.other',
      'key.created',
      'login.succeeded',
    ]);
    expect((await get('?user=u-1&type=key')).body.map((e: { event: string }) => e.event)).toEqual(['key.created']);
    expect((await get('?outcome=failure')).body.map((e: { actor_name: string }) => e.actor_name)).toEqual(['mallory']);
  });

  it('pages with $top and $skip and a Link header', async () => {
    const all = (await get()).body;
    const first = await get('?$top=2&$count=true');
    expect(first.body).toEqual(all.slice(0, 2));
    expect(first.headers['x-total-count']).toBe(String(all.length));
    expect(first.headers.link).toBe(`<${t.url}/api/admin/audit?$top=2&$count=true&$skip=2>; rel="next"`);
    const second = await get('?$top=2&$skip=2');
    expect(second.body).toEqual(all.slice(2, 4));
    expect(second.headers.link).toContain('rel="prev"');
    expect((await get('?$top=0')).body).toEqual([]);
  });

  it('refuses bad filters with field errors', async () => {
    const res = await request(t.url).get('/api/admin/audit?$top=-1&type=%25&outcome=maybe').set(consoleHeaders(t, admin)).expect(400);
    expect(res.body.message).toMatch(/\$top must not be less than 0/);
    expect(res.body.message).toMatch(/type must be an event name/);
    expect(res.body.message).toMatch(/outcome must be "success" or "failure"/);
  });

  it('needs the admin scope', async () => {
    const token = await personalToken(t, admin, ['read']);
    const res = await request(t.url).get('/api/admin/audit').set('Authorization', `Bearer ${token}`).expect(403);
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { unique } from '../support/flows';

const LOGIN_LIMIT = 3;

/**
 * Review (limits): the per-IP counters key on the whole address (`ip:${request.ip}` in
 * rate-limit.policy.ts). An IPv6 client is usually given a /64 (or a /56, /48) and picks any
 * address in it, so each of its 2^64 addresses has its own `login`, `token` and `api` budget.
 * Password spraying (one guess at many names) is bounded only by the per-IP counter: the per-name
 * counter never fills. Behind nginx with `X-Forwarded-For $remote_addr` (deploy/nginx.conf) the
 * addresses below are what Tessera sees for one host on one /64.
 */
describe('R22: one IPv6 /64 shares one per-IP budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'on', TRUST_PROXY: 'true', RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits password spraying from addresses of one /64', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= LOGIN_LIMIT + 2; i++) {
      const res = await request(t.url)
        .post('/consumer/login')
        .set('X-Forwarded-For', `2001:db8:1234:5678::${i.toString(16)}`)
        .send({ username: unique('spray-'), password: 'Summer2026!x' });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
  });

  it('(control) limits the same spraying from one IPv4 address', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= LOGIN_LIMIT + 2; i++) {
      const res = await request(t.url)
        .post('/consumer/login')
        .set('X-Forwarded-For', '192.0.2.77')
        .send({ username: unique('spray-'), password: 'Summer2026!x' });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
  });
});

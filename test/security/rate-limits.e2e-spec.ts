import request from 'supertest';
import { REDIS_URL } from '../cluster/mariadb';
import { startTestApp, TestApp } from '../support/test-app';
import { FormClient } from '../web/browser-like';
import { basicAuth, createPerson, form, unique, uniqueIp } from './support/flows';

const LIMIT = 4;
const LIMITED = {
  RATE_LIMITS: 'on',
  TRUST_PROXY: 'true',
  RATE_LIMIT_TOKEN_PER_MINUTE: String(LIMIT),
  RATE_LIMIT_LOGIN_PER_MINUTE: String(LIMIT),
  RATE_LIMIT_API_PER_MINUTE: String(LIMIT),
  LOGIN_LOCKOUT_THRESHOLD: '50',
};

type Send = (t: TestApp, ip: string, who: string) => request.Test | Promise<request.Response>;

/** One request per limited endpoint; `who` is the client, user or credential it counts for. */
const ENDPOINTS: Record<string, Send> = {
  'token endpoint': (t, ip, who) =>
    request(t.url)
      .post('/oauth2/token')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send(form({ grant_type: 'client_credentials', client_id: who, client_secret: 'wrong' })),
  'token endpoint alias, Basic client': (t, ip, who) =>
    request(t.url)
      .post('/authorization/token')
      .set('X-Forwarded-For', ip)
      .set('Authorization', basicAuth(who, 'wrong'))
      .type('form')
      .send(form({ grant_type: 'client_credentials' })),
  '/consumer/login': (t, ip, who) =>
    request(t.url).post('/consumer/login').set('X-Forwarded-For', ip).send({ username: who, password: 'wrong-password' }),
  // A form as the page sends it (its CSRF cookie and field): a forged post checks no password, so
  // it counts per IP only, and the name's budget is charged where a password is checked.
  'login page': (t, ip, who) => new FormClient(t.url, { 'X-Forwarded-For': ip }).signIn(who, 'wrong-password'),
  'resource API (REST)': (t, ip, who) =>
    request(t.url).get('/api/database/01/rooms').set('X-Forwarded-For', ip).set('Authorization', basicAuth('', who)),
  'resource API (OData)': (t, ip, who) =>
    request(t.url).get('/odata/01/rooms').set('X-Forwarded-For', ip).set('Authorization', `Reference ${who}`),
};

function expectLimited(res: request.Response, what: string): void {
  expect({ what, status: res.status }).toEqual({ what, status: 429 });
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.headers.ratelimit).toMatch(/;r=0;t=\d+/);
  expect(res.headers['ratelimit-policy']).toMatch(new RegExp(`;q=${LIMIT};w=60`));
}

function expectCounted(res: request.Response, what: string, remaining: number): void {
  expect({ what, status: res.status === 429 ? 429 : 'not limited' }).toEqual({ what, status: 'not limited' });
  expect({ what, ratelimit: res.headers.ratelimit }).toEqual({
    what,
    ratelimit: expect.stringMatching(new RegExp(`;r=${remaining};t=\\d+`)),
  });
}

describe('rate limits, in memory (no Redis)', () => {
  let t: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    [t, other] = await Promise.all([startTestApp(LIMITED), startTestApp(LIMITED)]);
  });
  afterAll(async () => {
    await Promise.all([t.close(), other.close()]);
  });

  it.each(Object.keys(ENDPOINTS))('limits %s per IP: 429 with Retry-After and RateLimit headers, other IPs unaffected', async (what) => {
    const send = ENDPOINTS[what];
    const ip = uniqueIp();
    for (let i = 0; i < LIMIT; i++) expectCounted(await send(t, ip, unique('who-')), what, LIMIT - 1 - i);
    expectLimited(await send(t, ip, unique('who-')), what);
    expectCounted(await send(t, uniqueIp(), unique('who-')), what, LIMIT - 1);
  });

  it.each(Object.keys(ENDPOINTS))('limits %s per client, user or credential across IPs', async (what) => {
    const send = ENDPOINTS[what];
    const who = unique('who-');
    for (let i = 0; i < LIMIT; i++) await send(t, uniqueIp(), who);
    expectLimited(await send(t, uniqueIp(), who), what);
    expectCounted(await send(t, uniqueIp(), unique('who-')), what, LIMIT - 1);
  });

  it('keeps each instance its own counters without Redis', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < LIMIT; i++) await ENDPOINTS['token endpoint'](t, ip, unique('who-'));
    expectLimited(await ENDPOINTS['token endpoint'](t, ip, unique('who-')), 'first instance');
    expectCounted(await ENDPOINTS['token endpoint'](other, ip, unique('who-')), 'second instance', LIMIT - 1);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is on, so a client cannot spoof its way past the per-IP limit', async () => {
    const direct = await startTestApp({ ...LIMITED, TRUST_PROXY: 'false' });
    try {
      for (let i = 0; i < LIMIT; i++)
        expectCounted(await ENDPOINTS['token endpoint'](direct, uniqueIp(), unique('who-')), 'spoofed address', LIMIT - 1 - i);
      expectLimited(await ENDPOINTS['token endpoint'](direct, uniqueIp(), unique('who-')), 'spoofed address');
    } finally {
      await direct.close();
    }
  });

  it('slows failed logins down, then locks the account, audits the lock and its end, and unlocks by itself', async () => {
    const locking = await startTestApp({ LOGIN_LOCKOUT_THRESHOLD: '3', LOGIN_LOCKOUT_SECONDS: '3' });
    try {
      const fay = await createPerson(locking);
      const login = (password: string) => request(locking.url).post('/consumer/login').send({ username: fay.username, password });
      const refused = (status: number) => status === 400 || status === 401;
      for (let i = 0; i < 3; i++) expect(refused((await login('wrong-password')).status)).toBe(true);
      const whileLocked = await login(fay.password);
      expect(refused(whileLocked.status)).toBe(true);
      expect(whileLocked.body.token).toBeUndefined();
      const events = async () =>
        (
          (await locking.dataSource.query('SELECT event FROM audit_events WHERE actor_name = ? ORDER BY id', [fay.username])) as {
            event: string;
          }[]
        ).map((e) => e.event);
      expect(await events()).toEqual(expect.arrayContaining(['login.failed', 'account.locked']));
      expect((await events()).filter((e) => e === 'account.locked')).toHaveLength(1);

      await new Promise((resolve) => setTimeout(resolve, 3100));
      const unlocked = await login(fay.password);
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.token).toEqual(expect.any(String));
      expect((await events()).slice(-2)).toEqual(['account.unlocked', 'login.succeeded']);
    } finally {
      await locking.close();
    }
  });
});

describe('rate limits, shared through Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp({ ...LIMITED, REDIS_URL }), startTestApp({ ...LIMITED, REDIS_URL })]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it.each(Object.keys(ENDPOINTS))('counts %s across instances', async (what) => {
    const send = ENDPOINTS[what];
    const ip = uniqueIp();
    for (let i = 0; i < LIMIT; i++) expectCounted(await send(i % 2 === 0 ? a : b, ip, unique('who-')), what, LIMIT - 1 - i);
    expectLimited(await send(b, ip, unique('who-')), what);
    expectLimited(await send(a, ip, unique('who-')), what);
  });
});

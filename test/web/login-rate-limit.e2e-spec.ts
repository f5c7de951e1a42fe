import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

// Its own file: one test app per file (passport strategies are process-wide).
describe('the login page under the login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with an HTML page and Retry-After once the limit is reached', async () => {
    const page = await request(t.url).get('/login').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const attempt = () =>
      request(t.url)
        .post('/login')
        .set('Cookie', `tessera_csrf=${csrf}`)
        .set('Origin', t.url)
        .type('form')
        .send({ _csrf: csrf, username: 'nobody', password: 'wrong-password' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.type).toBe('text/html');
    expect(limited.text).toContain('Too many attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness without a credential', async () => {
    const res = await request(t.url).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers readiness with the database up', async () => {
    const res = await request(t.url).get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
  });

  it('serves the OpenAPI document generated from the code at /docs', async () => {
    await request(t.url).get('/docs').expect(200).expect('content-type', /html/);
    const res = await request(t.url).get('/docs/json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health', '/api/me', '/api/keys']));
  });

  it('refuses a private route without a credential: 401 with Basic and Bearer challenges', async () => {
    const res = await request(t.url).get('/api/me').expect(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="Tessera", Bearer realm="Tessera"');
    expect(res.body).toEqual({ statusCode: 401, error: 'unauthorized', message: 'Authentication is required' });
  });

  it('sends strict security headers', async () => {
    const res = await request(t.url).get('/health').expect(200);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the console stylesheet', async () => {
    await request(t.url)
      .get('/assets/tessera.css')
      .expect(200)
      .expect('content-type', /text\/css/);
  });

  it('answers an unknown route 404 in JSON', async () => {
    const res = await request(t.url).get('/no/such/route').expect(404);
    expect(res.body.statusCode).toBe(404);
  });

  it('accepts a trailing slash on every path', async () => {
    await request(t.url).get('/health/').expect(200);
  });
});

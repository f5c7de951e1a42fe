import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { bearer, loginToken } from '../support/flows';

/**
 * Review (input): a JSON body nested a few thousand levels deep (a 6 KB request) passes Fastify's
 * JSON parser and reaches the global `ValidationPipe` (`transform: true`), whose
 * `plainToInstance` (class-transformer `TransformOperationExecutor.transform`) recurses once per
 * level and overflows the stack: `RangeError: Maximum call stack size exceeded`, answered 500 and
 * logged at error level with a stack, for every JSON route — `/consumer/login` without any credential, and every management write. docs/security.md
 * ("Faults") promises 4xx for malformed bodies, never a 5xx. Depth 1,000 is a 400; 3,000 is a 500.
 */
describe('R24: a deeply nested JSON body is a 400, not a 500', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginToken(t, ADMIN);
  });
  afterAll(async () => {
    await t?.close();
  });

  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('answers /consumer/login (no credential needed) with a 4xx', async () => {
    const res = await request(t.url)
      .post('/consumer/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":${nested(3000)},"password":"x"}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers a management write with a 4xx', async () => {
    const res = await request(t.url)
      .post('/api/keys')
      .set('Authorization', bearer(admin))
      .set('Content-Type', 'application/json')
      .send(`{"name":"k","extra":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers in the endpoint’s format (OData here), and lets a body of ordinary depth through to validation', async () => {
    const deep = await request(t.url)
      .post('/odata/01/rooms')
      .set('Authorization', bearer(admin))
      .set('Content-Type', 'application/json')
      .send(`{"name":${nested(65)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error.message).toContain('nested more than 64 levels');
    const shallow = await request(t.url)
      .post('/consumer/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":${nested(10)},"password":"x"}`);
    expect(shallow.status).toBe(400);
    expect(JSON.stringify(shallow.body)).not.toContain('nested more than');
  });

  it('writes no error-level line for it', async () => {
    await request(t.url)
      .post('/consumer/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":${nested(3000)},"password":"x"}`);
    expect(t.logs.filter((line) => /Maximum call stack size exceeded/.test(line))).toEqual([]);
  });
});

import request from 'supertest';
import { freePort } from '../support/free-port';
import { startTestApp } from '../support/test-app';

// Every machine of this project runs Redis on 127.0.0.1:6379 (CI's .ci/run starts it when it is not up).
const REDIS_URL = 'redis://127.0.0.1:6379';

describe('/health/ready with REDIS_URL set', () => {
  it('reports Redis beside the database when it answers', async () => {
    const t = await startTestApp({ REDIS_URL });
    try {
      const res = await request(t.url).get('/health/ready').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming Redis, and only Redis, when it does not answer', async () => {
    const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    try {
      const res = await request(t.url).get('/health/ready').expect(503);
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'service_unavailable',
        message: expect.stringMatching(/^Not ready: redis \(.+\) down$/),
      });
      expect(res.body.message).not.toContain('database');
    } finally {
      await t.close();
    }
  });

  it('leaves Redis out when REDIS_URL is not set', async () => {
    const t = await startTestApp();
    try {
      const res = await request(t.url).get('/health/ready').expect(200);
      expect(Object.keys(res.body.details)).toEqual(['database']);
    } finally {
      await t.close();
    }
  });
});

import request from 'supertest';
import { KeysService } from '../../src/keys/keys.service';
import { UsersService } from '../../src/users/users.service';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { MARIADB_URL } from './mariadb';

const waitFor = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
};

describe('the database goes away and comes back', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let auth: string;

  beforeAll(async () => {
    const database = await createTestDatabase(MARIADB_URL);
    proxy = new TcpProxy({ host: '127.0.0.1', port: 3306 });
    const port = await proxy.start();
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${port}`;
    t = await startTestApp({}, { database, databaseUrl: viaProxy.toString() });
    const user = await t.app.get(UsersService).create({ username: 'fay', password: 'fay-password-1234', roles: ['Consumer'] });
    const { secret } = await t.app.get(KeysService).create(user.id, { name: 'k', kind: 'api_key', scopes: ['read'], expiresAt: null });
    auth = `Basic ${Buffer.from(`:${secret}`).toString('base64')}`;
  });
  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await t.close();
  });

  it('answers 503 with a JSON error while it is gone, stays up, and recovers by itself', async () => {
    await request(t.url).get('/api/me').set('Authorization', auth).expect(200);
    await proxy.cut();

    for (let i = 0; i < 5; i++) {
      const res = await request(t.url).get('/api/me').set('Authorization', auth);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, error: 'service_unavailable' });
      expect(res.headers['retry-after']).toBe('1');
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|SELECT|at .*\.js/);
    }
    await request(t.url).get('/health').expect(200);
    await request(t.url).get('/health/ready').expect(503);

    await proxy.start();
    const recovered = await waitFor(async () => (await request(t.url).get('/api/me').set('Authorization', auth)).status === 200, 20_000);
    expect(recovered).toBe(true);
    await request(t.url).get('/health/ready').expect(200);
  });
});

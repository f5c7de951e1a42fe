import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';

describe('passwords never reach the database or a log', () => {
  let t: TestApp;
  const password = 'Plaintext-Pa55word-Canary';
  beforeAll(async () => {
    t = await startTestApp({ ALLOW_BASIC_PASSWORD: 'true' });
    await t.app.get(UsersService).create({ username: 'carol', password, roles: ['Consumer'], databaseAccess: {} });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps only a hash in the database', async () => {
    for (const table of ['users', 'audit_events', 'sessions']) {
      expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table}`))).not.toContain(password);
    }
  });

  it('redacts the Authorization header and credential-bearing query parameters in request logs', async () => {
    const basic = Buffer.from(`carol:${password}`).toString('base64');
    await request(t.url).get('/api/me').set('Authorization', `Basic ${basic}`).expect(200);
    await request(t.url).get(`/api/me?password=${password}&client_secret=${password}`).expect(401);
    const logs = t.logs.join('');
    expect(logs).toContain('"path":"/api/me"');
    expect(logs).toContain('[Redacted]');
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(basic);
  });
});

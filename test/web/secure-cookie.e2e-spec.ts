import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

// Its own file: passport strategies are process-wide, so one test app per file.
describe('session cookie behind HTTPS', () => {
  let https: TestApp;
  beforeAll(async () => { https = await startTestApp({ TRUST_PROXY: 'true' }); });
  afterAll(async () => { await https.close(); });

  it('marks the session cookie Secure behind HTTPS', async () => {
    const page = await request(https.url).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await request(https.url).post('/login').set('X-Forwarded-Proto', 'https').set('Cookie', `tessera_csrf=${csrf}`).type('form')
      .send({ _csrf: csrf, username: ADMIN.username, password: ADMIN.password }).expect(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith('tessera_session='))!;
    expect(cookie).toMatch(/Secure/);
  });
});

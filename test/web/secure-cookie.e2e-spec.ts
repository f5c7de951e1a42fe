import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const ISSUER = 'https://tessera.example';

// Its own file: passport strategies are process-wide, so one test app per file.
// Issue 11 (F12): ISSUER decides, not the request's protocol (TLS usually ends at a proxy).
describe('session cookie behind an https ISSUER', () => {
  let https: TestApp;
  beforeAll(async () => {
    https = await startTestApp({ ISSUER });
  });
  afterAll(async () => {
    await https.close();
  });

  it('names the cookies __Host- and marks them Secure, Path=/, no Domain, though the request came over http', async () => {
    const page = await request(https.url).get('/login').expect(200);
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith('__Host-tessera_csrf='))!;
    expect(csrfCookie).toMatch(/; Secure/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await request(https.url)
      .post('/login')
      .set('Origin', ISSUER)
      .set('Cookie', `__Host-tessera_csrf=${csrf}`)
      .type('form')
      .send({ _csrf: csrf, username: ADMIN.username, password: ADMIN.password })
      .expect(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith('__Host-tessera_session='))!;
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
  });

  it('reads only the __Host- cookie: a plain tessera_session cookie set by a sibling host is not a session', async () => {
    const page = await request(https.url).get('/login').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await request(https.url)
      .post('/login')
      .set('Origin', ISSUER)
      .set('Cookie', `__Host-tessera_csrf=${csrf}`)
      .type('form')
      .send({ _csrf: csrf, username: ADMIN.username, password: ADMIN.password })
      .expect(303);
    const id = (res.headers['set-cookie'] as unknown as string[])
      .find((line) => line.startsWith('__Host-tessera_session='))!
      .split(';')[0]
      .split('=')[1];
    await request(https.url).get('/account').set('Cookie', `tessera_session=${id}`).expect(303);
    await request(https.url).get('/account').set('Cookie', `__Host-tessera_session=${id}`).expect(200);
  });
});

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { bearer, loginToken, unique } from '../support/flows';

/** The same host on another port: same-site to the browser (SameSite=Lax lets cookies through), another origin. */
const SIBLING = 'http://127.0.0.1:1';
/** What Chromium sends with a form posted from the sibling page. */
const FROM_SIBLING = { Origin: SIBLING, 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'navigate' };

/**
 * F3. A page on another port of the same host (same-site, cross-origin) made a signed-in
 * administrator's browser create an administrator with a plain form POST to `/api/admin/users`, and
 * a planted `tessera_csrf` cookie passed the console's double-submit check. Seen failing on
 * f03f4d3: the form POST answered 201 and created the user; the page POST with a planted cookie
 * answered 303 and created it.
 */
describe("F3: a same-site page cannot use the administrator's cookie", () => {
  let t: TestApp;
  let cookie: string;
  const exists = async (username: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE username = ?', [username]))[0].n) > 0;
  const newAdmin = (username: string) => ({ username, password: 'escalated-password-1', roles: ['Administrator'], full_access: true });

  beforeAll(async () => {
    t = await startTestApp();
    cookie = await sessionCookieFor(t, ADMIN.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a form-encoded POST to /api/admin/users with the cookie (415), creating no one', async () => {
    const username = unique('f3form');
    const res = await request(t.url)
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .set(FROM_SIBLING)
      .type('form')
      .send(new URLSearchParams({ username, password: 'escalated-password-1', 'roles[]': 'Administrator', kind: 'person' }).toString());
    expect(res.status).toBe(415);
    expect(await exists(username)).toBe(false);
  });

  it('refuses a multipart form (415), creating no one', async () => {
    const username = unique('f3multi');
    const res = await request(t.url)
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .set(FROM_SIBLING)
      .field('username', username)
      .field('password', 'escalated-password-1')
      .field('roles', 'Administrator')
      .field('roles', 'Consumer');
    expect(res.status).toBe(415);
    expect(await exists(username)).toBe(false);
  });

  it('refuses a text/plain form that smuggles JSON (415), creating no one', async () => {
    const username = unique('f3text');
    const res = await request(t.url)
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .set(FROM_SIBLING)
      .set('Content-Type', 'text/plain')
      .send(`${JSON.stringify(newAdmin(username)).slice(0, -1)}, "x": "="}`);
    expect(res.status).toBe(415);
    expect(await exists(username)).toBe(false);
  });

  it('refuses JSON with the cookie from another origin, or with no Origin at all (403)', async () => {
    const username = unique('f3json');
    const { 'X-CSRF-Token': token } = consoleHeaders(t, cookie);
    const fromSibling = await request(t.url)
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .set(FROM_SIBLING)
      .set('X-CSRF-Token', token)
      .send(newAdmin(username));
    expect({ status: fromSibling.status, error: fromSibling.body.error }).toEqual({ status: 403, error: 'forbidden' });
    const bare = await request(t.url).post('/api/admin/users').set('Cookie', cookie).set('X-CSRF-Token', token).send(newAdmin(username));
    expect(bare.status).toBe(403);
    expect(await exists(username)).toBe(false);
  });

  it("refuses JSON from the right origin without the session's CSRF header, or with another session's (403)", async () => {
    const username = unique('f3token');
    await request(t.url).post('/api/admin/users').set('Cookie', cookie).set('Origin', t.url).send(newAdmin(username)).expect(403);
    const other = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username))['X-CSRF-Token'];
    await request(t.url)
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .set('X-CSRF-Token', other)
      .send(newAdmin(username))
      .expect(403);
    await request(t.url)
      .get('/api/me')
      .set('Cookie', cookie)
      .set('Sec-Fetch-Site', 'same-site')
      .set('X-CSRF-Token', consoleHeaders(t, cookie)['X-CSRF-Token'])
      .expect(403);
    expect(await exists(username)).toBe(false);
  });

  it('refuses a console page POST from the sibling origin even with the right token (403)', async () => {
    const username = unique('f3page');
    const { 'X-CSRF-Token': token } = consoleHeaders(t, cookie);
    const res = await request(t.url)
      .post('/admin/users')
      .set('Cookie', cookie)
      .set(FROM_SIBLING)
      .type('form')
      .send({ _csrf: token, username, password: 'escalated-password-1', roles: 'Administrator', access: 'full' });
    expect(res.status).toBe(403);
    expect(await exists(username)).toBe(false);
  });

  it('refuses a planted tessera_csrf cookie with a matching _csrf field (403), signed in or not', async () => {
    const username = unique('f3plant');
    const planted = 'p'.repeat(43);
    const signedIn = await request(t.url)
      .post('/admin/users')
      .set('Cookie', `${cookie}; tessera_csrf=${planted}`)
      .set('Origin', t.url)
      .type('form')
      .send({ _csrf: planted, username, password: 'escalated-password-1', roles: 'Administrator', access: 'full' });
    expect(signedIn.status).toBe(403);
    expect(await exists(username)).toBe(false);
    // Login CSRF: signing the victim's browser in as the attacker from the sibling page.
    const login = await request(t.url)
      .post('/login')
      .set('Cookie', `tessera_csrf=${planted}`)
      .set(FROM_SIBLING)
      .type('form')
      .send({ _csrf: planted, username: ADMIN.username, password: ADMIN.password });
    expect(login.status).toBe(403);
    expect(login.headers['set-cookie']?.toString() ?? '').not.toMatch(/tessera_session=[^;]/);
  });

  it("still lets Tessera's own page do it: the API with Origin and X-CSRF-Token, the form with its token", async () => {
    const viaApi = unique('f3api');
    await request(t.url)
      .post('/api/admin/users')
      .set(consoleHeaders(t, cookie))
      .send({ ...newAdmin(viaApi), roles: ['Consumer'], full_access: false })
      .expect(201);
    const page = await request(t.url).get('/admin/users').set('Cookie', cookie).expect(200);
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(page.text)![1];
    expect(/name="_csrf" value="([^"]+)"/.exec(page.text)![1]).toBe(token);
    const viaPage = unique('f3page');
    await request(t.url)
      .post('/admin/users')
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .type('form')
      .send({ _csrf: token, username: viaPage, password: 'a-good-password-1', roles: 'Consumer', access: 'full' })
      .expect(303);
    await request(t.url).get('/api/me').set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin').set('X-CSRF-Token', token).expect(200);
    expect([await exists(viaApi), await exists(viaPage)]).toEqual([true, true]);
  });

  it('leaves Bearer callers alone: no Origin, no CSRF header needed, JSON still required', async () => {
    const token = await loginToken(t, ADMIN);
    const username = unique('f3bearer');
    await request(t.url)
      .post('/api/admin/users')
      .set('Authorization', bearer(token))
      .send({ username, password: 'bearer-password-1', roles: ['Consumer'] })
      .expect(201);
    await request(t.url)
      .post('/api/admin/users')
      .set('Authorization', bearer(token))
      .type('form')
      .send({ username: `${username}x` })
      .expect(415);
  });
});

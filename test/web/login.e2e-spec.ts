import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { FormClient } from './browser-like';

describe('LoginController (/login, /logout)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(UsersService).create({ username: 'lena', password: 'lena-password-1', roles: ['Consumer'] });
    await t.app.get(UsersService).create({ username: 'robot', kind: 'api', roles: ['Consumer'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a labelled sign-in form with a CSRF field, never cached, under a strict CSP', async () => {
    const res = await request(t.url).get('/login').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toMatch(/<label for="f-username">User name<\/label>/);
    expect(res.text).toMatch(/<label for="f-password">Password<\/label>/);
    expect(res.text).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect([res.headers['set-cookie'] ?? []].flat().join(';')).toMatch(/tessera_csrf=.*HttpOnly.*SameSite=Lax/);
  });

  it('signs a person in with an HttpOnly, SameSite=Lax session cookie and sends them to return_to', async () => {
    const browser = new FormClient(t.url);
    await browser.get('/login?return_to=%2Foauth2%2Fauthorize%3Fclient_id%3Dabc%26state%3Dxyz');
    const res = await browser
      .post('/login', { username: 'lena', password: 'lena-password-1', return_to: '/oauth2/authorize?client_id=abc&state=xyz' })
      .then((r) => r);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/oauth2/authorize?client_id=abc&state=xyz');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith('tessera_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const me = await request(t.url).get('/api/me').set(consoleHeaders(t, browser.cookieHeader())).expect(200);
    expect(me.body.username).toBe('lena');
  });

  it.each([['https://evil.example/steal'], ['//evil.example/steal'], ['/\\evil.example'], ['javascript:alert(1)']])(
    'never redirects off-site: return_to=%s goes to /account',
    async (returnTo) => {
      const browser = new FormClient(t.url);
      await browser.get('/login');
      const res = await browser.post('/login', { username: 'lena', password: 'lena-password-1', return_to: returnTo });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/account');
    },
  );

  it('answers a wrong password with one generic error beside the form, keeping the user name', async () => {
    const browser = new FormClient(t.url);
    await browser.get('/login');
    const res = await browser.post('/login', { username: 'lena', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('The user name or password is wrong');
    expect(res.text).toContain('value="lena"');
    expect([res.headers['set-cookie'] ?? []].flat().join(';')).not.toContain('tessera_session=');
    const failures = await t.dataSource.query("SELECT event FROM audit_events WHERE event = 'login.failed'");
    expect(failures.length).toBeGreaterThan(0);
  });

  it('does not let an API user sign in', async () => {
    const browser = new FormClient(t.url);
    await browser.get('/login');
    const res = await browser.post('/login', { username: 'robot', password: 'anything-at-all' });
    expect(res.status).toBe(401);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const browser = new FormClient(t.url);
    await browser.get('/login');
    const res = await browser.post('/login', { username: 'lena', password: 'lena-password-1' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('This form has expired or did not come from Tessera');
    const forged = await request(t.url)
      .post('/login')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), username: 'lena', password: 'lena-password-1' });
    expect(forged.status).toBe(403);
  });

  it('sends a visitor without a session to the login page and back', async () => {
    const res = await request(t.url).get('/account').expect(303);
    expect(res.headers.location).toBe('/login?return_to=%2Faccount');
  });

  it('signs out: the session stops working at once', async () => {
    const browser = new FormClient(t.url);
    await browser.signIn('lena', 'lena-password-1');
    const session = browser.cookieHeader();
    await browser.get('/account');
    const res = await browser.post('/logout', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    await request(t.url).get('/api/me').set(consoleHeaders(t, session)).expect(401);
  });

  it('gives a new session id on every sign-in (no fixation)', async () => {
    const browser = new FormClient(t.url);
    await browser.signIn('lena', 'lena-password-1');
    const first = browser.cookies.get('tessera_session');
    await browser.get('/login?return_to=/account');
    await browser.get('/account');
    const again = await browser.post('/login', { username: 'lena', password: 'lena-password-1' });
    expect(again.status).toBe(303);
    expect(browser.cookies.get('tessera_session')).not.toBe(first);
    await request(t.url)
      .get('/api/me')
      .set(consoleHeaders(t, `tessera_session=${first}`))
      .expect(401);
  });
});

import request from 'supertest';
import { AuditLogService } from '../../src/audit/audit-log.service';
import { consoleHeaders } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { FormClient } from '../web/browser-like';
import { adminBrowser } from '../web/pages-support';
import { basicAuth, bearer, createPerson, Person, registerApp, tokenRequest, unique } from '../security/support/flows';
import { enrolThroughAccountPage } from './two-factor-support';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Issue 15, item 4: the sessions a person can see and end, and an administrator for anyone; both audited. */
describe('sessions people can see and end', () => {
  let t: TestApp;
  let app: { client_id: string; client_secret?: string };
  let admin: FormClient;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
    admin = await adminBrowser(t);
    app = await registerApp(t, 'admin', { name: 'Field notes' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function signedIn(person: Person, userAgent: string, ip: string): Promise<FormClient> {
    const browser = new FormClient(t.url, { 'User-Agent': userAgent, 'X-Forwarded-For': ip });
    await browser.get('/login');
    const res = await browser.post('/login', { username: person.username, password: person.password });
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
    return browser;
  }

  const appTokens = async (person: Person) =>
    (
      await tokenRequest(
        t,
        { grant_type: 'password', username: person.username, password: person.password, scope: 'read' },
        basicAuth(app.client_id, app.client_secret!),
      ).expect(200)
    ).body;

  const audited = async (event: string) => (await t.app.get(AuditLogService).search({ type: event }, { top: 100, skip: 0 })).entries;

  it('lists the browser sessions (device, IP, when) and the applications with access, then signs out everywhere but here', async () => {
    const person = await createPerson(t);
    const laptop = await signedIn(person, FIREFOX, '203.0.113.7');
    const phone = await signedIn(person, SAFARI, '198.51.100.23');
    const tokens = await appTokens(person);

    const page = await laptop.get('/account/sessions');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Firefox on Windows <strong>(this session)</strong>');
    expect(page.text).toContain('Safari on iOS');
    expect(page.text).toContain('203.0.113.7');
    expect(page.text).toContain('198.51.100.23');
    expect(page.text).toMatch(/<td data-label="Signed in">\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<\/td>/);
    expect(page.text).toContain('<strong>Field notes</strong>');

    const done = await laptop.post('/account/sessions/sign-out-everywhere', {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/account/sessions?notice=signed-out');
    expect((await laptop.get('/account/sessions')).status).toBe(200);
    expect((await phone.get('/account')).headers.location).toBe('/login?return_to=%2Faccount');
    await request(t.url).get('/api/me').set('Authorization', bearer(tokens.access_token)).expect(401);
    const refresh = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      basicAuth(app.client_id, app.client_secret!),
    );
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe('invalid_grant');
    expect((await audited('sessions.signed_out_everywhere')).find((row) => row.target === person.id)).toMatchObject({
      actor_id: person.id,
      details: { by: 'self' },
    });
  });

  it('lets an administrator see a person’s sessions, sign them out everywhere and take their second factor away, audited', async () => {
    const person = await createPerson(t, { username: unique('lost') });
    const laptop = await signedIn(person, FIREFOX, '203.0.113.9');
    const { app: phone } = await enrolThroughAccountPage(laptop, person.password);
    const tokens = await appTokens(person).catch(() => null);
    expect(tokens).toBeNull(); // the password alone no longer gets tokens
    await tokenRequest(
      t,
      { grant_type: 'password', username: person.username, password: person.password, scope: 'read', otp: await phone.nextCode() },
      basicAuth(app.client_id, app.client_secret!),
    ).expect(200);

    const headers = consoleHeaders(t, admin.cookieHeader());
    const overview = await request(t.url).get(`/api/admin/users/${person.id}/sessions`).set(headers).expect(200);
    expect(overview.body).toEqual({
      sessions: [
        {
          device: 'Firefox on Windows',
          user_agent: FIREFOX,
          ip: '203.0.113.9',
          amr: ['pwd'],
          created_at: expect.any(String),
          last_seen_at: expect.any(String),
          current: false,
        },
      ],
      applications: [expect.objectContaining({ client_id: app.client_id, client_name: 'Field notes', scopes: ['read'] })],
      two_factor: { enrolled: true, recovery_codes_left: 10 },
    });

    await request(t.url).post(`/api/admin/users/${person.id}/sign-out-everywhere`).set(headers).expect(204);
    expect((await laptop.get('/account')).headers.location).toBe('/login?return_to=%2Faccount');
    expect((await request(t.url).get(`/api/admin/users/${person.id}/sessions`).set(headers).expect(200)).body.sessions).toEqual([]);
    expect((await audited('sessions.signed_out_everywhere')).find((row) => row.target === person.id)).toMatchObject({
      actor_name: 'admin',
      details: { by: 'administrator' },
    });

    await request(t.url).delete(`/api/admin/users/${person.id}/two-factor`).set(headers).expect(204);
    expect(await appTokens(person)).toEqual(expect.objectContaining({ access_token: expect.any(String) }));
    expect((await audited('two_factor.disabled')).find((row) => row.target === person.id)).toMatchObject({ actor_name: 'admin' });
  });

  it('keeps a person’s sessions from anyone without admin', async () => {
    const person = await createPerson(t);
    const other = await signedIn(await createPerson(t), FIREFOX, '203.0.113.10');
    await request(t.url).get(`/api/admin/users/${person.id}/sessions`).set(consoleHeaders(t, other.cookieHeader())).expect(403);
    await request(t.url).post(`/api/admin/users/${person.id}/sign-out-everywhere`).set(consoleHeaders(t, other.cookieHeader())).expect(403);
  });

  it('shows a person’s sessions on the console users page, where an administrator signs them out everywhere', async () => {
    const person = await createPerson(t);
    const laptop = await signedIn(person, FIREFOX, '203.0.113.11');
    const page = await admin.get(`/admin/users/${person.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Firefox on Windows');
    expect(page.text).toContain('203.0.113.11');
    const done = await admin.post(`/admin/users/${person.id}/sign-out-everywhere`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/admin/users/${person.id}?notice=signed-out`);
    expect((await laptop.get('/account')).headers.location).toBe('/login?return_to=%2Faccount');
    expect((await admin.get(`/admin/users/${person.id}`)).text).toContain('No browser session.');
  });
});

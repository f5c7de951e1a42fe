import request from 'supertest';
import { sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';

const CRAFTED = [
  '/.//evil.example',
  '/%2e%2e//evil.example',
  '/account/..//evil.example',
  '/./%2E//evil.example/x?y=1',
  '/a/b/../..//evil.example',
];

/**
 * F4. `/login?return_to=` must never send the browser off Tessera. Seen failing on f03f4d3: signed
 * in, `GET /login?return_to=/.//evil.example` answered `303 Location: //evil.example` (also
 * `/%2e%2e//…` and `/account/..//…`): the raw string was checked, the normalised one returned.
 */
describe('F4: return_to cannot become an open redirect through path normalisation', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    cookie = await sessionCookieFor(t, ADMIN.username);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(CRAFTED)('sends a signed-in browser to /account, not off-site, for %s', async (crafted) => {
    const res = await request(t.url)
      .get(`/login?return_to=${encodeURIComponent(crafted)}`)
      .set('Cookie', cookie);
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 303, location: '/account' });
  });

  it.each(CRAFTED)('never puts %s into the login form as the place to go back to', async (crafted) => {
    const res = await request(t.url)
      .get(`/login?return_to=${encodeURIComponent(crafted)}`)
      .expect(200);
    expect(/name="return_to" value="([^"]*)"/.exec(res.text)![1]).toBe('/account');
  });

  it('still keeps a harmless path with dot segments, normalised', async () => {
    const res = await request(t.url)
      .get(`/login?return_to=${encodeURIComponent('/admin/./users/../roles?x=1')}`)
      .set('Cookie', cookie);
    expect({ status: res.status, location: res.headers.location }).toEqual({ status: 303, location: '/admin/roles?x=1' });
  });
});

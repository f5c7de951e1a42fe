import request from 'supertest';
import { sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { cookiesFrom, createPerson, formsOf, pkcePair, registerApp, REDIRECT_URI } from './support/flows';

/** CSRF (RFC 9700 §4.7; OWASP ASVS 5.0 V3.5.1, V10.4.x consent): every form on every page. */
describe('forms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('carries a CSRF token in every POST form, and a POST without it or with a wrong one is refused with 403', async () => {
    const admin = await sessionCookieFor(t, ADMIN.username);
    const carol = await createPerson(t);
    const app = await registerApp(t, carol.username);
    const consentQuery = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: REDIRECT_URI,
      scope: 'read',
      state: 's',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const pages = await crawl([
      { path: '/login', cookie: '' },
      { path: `/oauth2/authorize?${consentQuery}`, cookie: await sessionCookieFor(t, carol.username) },
      { path: '/account', cookie: admin },
      { path: '/admin', cookie: admin },
    ]);
    const posts = pages.flatMap((page) =>
      formsOf(page.html)
        .filter((form) => form.method === 'post')
        .map((form) => ({ page, form })),
    );
    expect(posts.map(({ page }) => page.path.split('?')[0])).toEqual(expect.arrayContaining(['/login', '/oauth2/authorize']));

    for (const { page, form } of posts) {
      const where = `${form.action || page.path} on ${page.path.split('?')[0]}`;
      expect({ where, csrf: typeof form.fields._csrf === 'string' && form.fields._csrf.length >= 32 }).toEqual({ where, csrf: true });
      const action = new URL(form.action || page.path, `${t.url}${page.path}`);
      const { _csrf: _ignored, ...withoutToken } = form.fields;
      for (const fields of [withoutToken, { ...withoutToken, _csrf: 'x'.repeat(43) }]) {
        const res = await request(t.url)
          .post(action.pathname + action.search)
          .set('Cookie', page.cookie)
          .set('Origin', t.url)
          .type('form')
          .send(new URLSearchParams(fields).toString())
          .redirects(0);
        expect({ where, status: res.status }).toEqual({ where, status: 403 });
      }
    }
  });

  interface Page {
    path: string;
    cookie: string;
    html: string;
  }

  /** GETs the pages and the same-site pages they link to (two levels), keeping each page's cookies. */
  async function crawl(start: { path: string; cookie: string }[]): Promise<Page[]> {
    const seen = new Set<string>();
    const pages: Page[] = [];
    let frontier = start;
    for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
      const next: { path: string; cookie: string }[] = [];
      for (const { path, cookie } of frontier) {
        if (seen.has(path) || pages.length >= 60) continue;
        seen.add(path);
        const res = await request(t.url).get(path).set('Cookie', cookie).redirects(0);
        if (res.status !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
        const pageCookie = [cookie, cookiesFrom(res.headers['set-cookie'])].filter(Boolean).join('; ');
        pages.push({ path, cookie: pageCookie, html: res.text });
        for (const link of res.text.matchAll(/href="(\/(?:account|admin|consent)[^"#]*)"/g))
          next.push({ path: link[1].replace(/&amp;/g, '&'), cookie });
      }
      frontier = next;
    }
    return pages;
  }
});

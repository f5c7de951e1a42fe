import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { launchChromium, newPage, signIn } from './browser-support';

/**
 * F3 in a real browser: a page on another port of 127.0.0.1 (same-site, so SameSite=Lax lets the
 * cookie through; another origin) posts plain HTML forms with the signed-in administrator's
 * cookie. Seen failing on f03f4d3: the form to /api/admin/users created the user (201), and a
 * planted tessera_csrf cookie with a matching field passed the console page's CSRF check.
 */
describe('F3: a same-site page posting forms in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let sibling: Server;
  let siblingUrl = '';
  const exists = async (username: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE username = ?', [username]))[0].n) > 0;

  beforeAll(async () => {
    t = await startTestApp();
    sibling = await startSibling(() => t.url);
    siblingUrl = `http://127.0.0.1:${(sibling.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    sibling?.close();
  });

  async function visitAsAdmin(path: string): Promise<Page> {
    const { page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password);
    await Promise.all([page.waitForURL((url) => url.origin === t.url), page.goto(`${siblingUrl}${path}`)]);
    await page.waitForLoadState('load');
    return page;
  }

  it('cannot create a user through /api/admin/users with a plain form', async () => {
    const page = await visitAsAdmin('/api-form?username=f3-browser-api');
    expect(await page.textContent('body')).toContain('"statusCode":415');
    expect(await exists('f3-browser-api')).toBe(false);
    await page.context().close();
  });

  it('cannot create a user through /api/admin/users with a text/plain form that smuggles JSON', async () => {
    const page = await visitAsAdmin('/api-text-form?username=f3-browser-text');
    expect(await page.textContent('body')).toContain('"statusCode":415');
    expect(await exists('f3-browser-text')).toBe(false);
    await page.context().close();
  });

  it('cannot create a user through the console page with a planted tessera_csrf cookie', async () => {
    const page = await visitAsAdmin('/page-form?username=f3-browser-page');
    expect(await page.textContent('body')).toContain('did not come from Tessera');
    expect(await exists('f3-browser-page')).toBe(false);
    await page.context().close();
  });

  it("still lets the administrator create a user from Tessera's own page", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password, '/admin/users');
    await page.getByLabel('User name').fill('f3-browser-own');
    await page.getByLabel('Password').fill('own-page-password-1');
    await Promise.all([
      page.waitForURL((url) => !url.pathname.endsWith('/admin/users') || url.search !== ''),
      page.getByRole('button', { name: 'Create person' }).click(),
    ]);
    expect(await exists('f3-browser-own')).toBe(true);
    await context.close();
  });
});

/**
 * The attacker's pages: each posts a form to Tessera as soon as it loads. The last plants a
 * `tessera_csrf` cookie for the host with a longer path, which the browser sends before Tessera's own.
 */
function startSibling(tessera: () => string): Promise<Server> {
  const page = (form: string) => `<!doctype html><html><body>${form}<script>document.forms[0].submit()</script></body></html>`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sibling');
    const username = url.searchParams.get('username') ?? 'x';
    const admin = JSON.stringify({ username, password: 'escalated-password-1', roles: ['Administrator'], full_access: true });
    const forms: Record<string, string> = {
      '/api-form': `<form method="post" action="${tessera()}/api/admin/users"><input name="username" value="${username}"><input name="password" value="escalated-password-1"><input name="roles" value="Administrator"><input name="roles" value="Consumer"></form>`,
      '/api-text-form': `<form method="post" enctype="text/plain" action="${tessera()}/api/admin/users"><input name='${admin.slice(0, -1)}, "x": "' value='"}'></form>`,
      '/page-form': `<script>document.cookie = 'tessera_csrf=${'p'.repeat(43)}; path=/admin/users'</script><form method="post" action="${tessera()}/admin/users"><input name="_csrf" value="${'p'.repeat(43)}"><input name="username" value="${username}"><input name="password" value="escalated-password-1"><input name="roles" value="Administrator"><input name="roles" value="Consumer"><input name="access" value="full"></form>`,
    };
    const form = forms[url.pathname];
    res.writeHead(form ? 200 : 404, { 'Content-Type': 'text/html' }).end(form ? page(form) : 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

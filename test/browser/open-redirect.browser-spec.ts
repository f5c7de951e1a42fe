import type { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { ensurePerson, launchChromium, newPage, signIn } from './browser-support';

const CRAFTED = ['/.//evil.example', '/%2e%2e//evil.example', '/account/..//evil.example'];

// F4 in a real browser: the crafted return_to must leave a signed-in person on Tessera's origin.
describe('F4: /login?return_to= in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    await ensurePerson(t, 'rosa', 'rosa-password-long');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each(CRAFTED)('keeps a signed-in browser on Tessera for return_to=%s', async (crafted) => {
    const { context, page } = await newPage(browser);
    const offSite: string[] = [];
    // No network here: record and abort any request that leaves the test server.
    await context.route(
      (url) => url.origin !== t.url,
      (route) => {
        offSite.push(route.request().url());
        return route.abort();
      },
    );
    await signIn(page, t.url, 'rosa', 'rosa-password-long');
    await page.goto(`${t.url}/login?return_to=${encodeURIComponent(crafted)}`);
    expect({ offSite, origin: new URL(page.url()).origin, path: new URL(page.url()).pathname }).toEqual({
      offSite: [],
      origin: t.url,
      path: '/account',
    });
    await context.close();
  });

  it.each(CRAFTED)('keeps the browser on Tessera when it signs in with return_to=%s', async (crafted) => {
    const { context, page } = await newPage(browser);
    const offSite: string[] = [];
    await context.route(
      (url) => url.origin !== t.url,
      (route) => {
        offSite.push(route.request().url());
        return route.abort();
      },
    );
    await signIn(page, t.url, 'rosa', 'rosa-password-long', crafted);
    expect({ offSite, origin: new URL(page.url()).origin, path: new URL(page.url()).pathname }).toEqual({
      offSite: [],
      origin: t.url,
      path: '/account',
    });
    await context.close();
  });
});

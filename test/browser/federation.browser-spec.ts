import type { Browser } from 'playwright-core';
import request from 'supertest';
import { Federation, startFederation } from '../federation/federation-support';
import { consoleHeaders } from '../support/sessions';
import { ADMIN } from '../support/test-app';
import { launchChromium, newPage, screenshots, signIn } from './browser-support';

/** Issue 15: "Sign in with Company" in Chromium, through the provider's own login page and back. */
describe('Signing in with the company account in Chromium', () => {
  let f: Federation;
  let browser: Browser;

  beforeAll(async () => {
    f = await startFederation();
    await f.company.setAccount('zoe', { email: 'zoe@company.example', groups: ['planners'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
  });

  it('signs in with the button, on the provider’s login page, and lands on the account with the mapped access', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${f.t.url}/login?return_to=%2Faccount`);
    await screenshots(page, 'login-with-company');
    await page.getByRole('link', { name: 'Sign in with Company' }).click();
    await page.waitForURL((url) => url.origin === f.company.issuer);
    await page.getByPlaceholder('Enter any login').fill('zoe');
    await page.getByPlaceholder('and password').fill('zoe-company-password');
    await Promise.all([page.waitForURL(`${f.t.url}/account`), page.getByRole('button', { name: 'Sign-in' }).click()]);
    await page.getByText('zoe', { exact: false }).first().waitFor();

    const cookie = (await context.cookies(f.t.url)).find((c) => c.name === 'tessera_session')!;
    const me = await request(f.t.url)
      .get('/api/me')
      .set(consoleHeaders(f.t, `tessera_session=${cookie.value}`))
      .expect(200);
    expect(me.body).toMatchObject({ username: 'zoe', roles: ['Consumer'], database_access: { '01': 'write' } });
    await context.close();
  });

  it('finds the provider from a work e-mail address (home-realm discovery)', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${f.t.url}/login`);
    await page.getByLabel('Work e-mail').fill('zoe@company.example');
    await page.getByRole('button', { name: 'Continue with my company account' }).click();
    await page.waitForURL((url) => url.origin === f.company.issuer);
    expect(await page.getByPlaceholder('Enter any login').inputValue()).toBe('zoe@company.example');
    await context.close();
  });

  it('an administrator sees the provider, the redirect URI to register and its group rules', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, f.t.url, ADMIN.username, ADMIN.password, '/admin/identity-providers');
    await page.getByRole('heading', { name: 'Company' }).waitFor();
    expect(await page.getByText(f.provider.redirect_uri).count()).toBe(1);
    await screenshots(page, 'admin-identity-providers');
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { ensureDatabases, ensurePerson, launchChromium, newPage, screenshots, signIn } from './browser-support';

// The console in a real browser, with JavaScript on: what works on every branch today.
describe('web console in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    await ensureDatabases(t);
    await ensurePerson(t, 'sofia', 'sofia-password', ['Consumer'], { '01': 'read' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the sign-in page and a clear error for a wrong password', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${t.url}/login`);
    await screenshots(page, 'login');
    await page.getByLabel('User name').fill('sofia');
    await page.getByLabel('Password').fill('not-her-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('The user name or password is wrong');
    await screenshots(page, 'login-error');
    await context.close();
  });

  it('lets a person create an API key, shown once with a working copy button', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, 'sofia', 'sofia-password');
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByLabel('Name', { exact: true }).fill('Power BI dashboard');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.locator('#new-secret').textContent())!.trim();
    expect(secret).toMatch(/^tsk_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
    await screenshots(page, 'account-new-key');
    await page.goto(`${t.url}/account`);
    expect(await page.content()).not.toContain(secret);
    await page.locator('#excel').scrollIntoViewIfNeeded();
    await screenshots(page, 'account');
    await context.close();
  });

  it('refuses a form posted without its CSRF token', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, 'sofia', 'sofia-password');
    await page.getByLabel('Name', { exact: true }).fill('forged');
    await page.locator('form[action="/account/keys"] input[name="_csrf"]').evaluate((input) => input.remove());
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/account/keys')),
      page.getByRole('button', { name: 'Create key' }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toContain('This form has expired or did not come from Tessera');
    await screenshots(page, 'error-csrf');
    await context.close();
  });

  it('lets an administrator manage people, API users, roles and read the audit log', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password, '/admin');
    await adminCreatesPerson(page);
    await screenshots(page, 'admin-people');
    await adminCreatesApiUser(page);
    await screenshots(page, 'admin-api-user-token');
    await page.goto(`${t.url}/admin/api-users`);
    await screenshots(page, 'admin-api-users');
    await page.goto(`${t.url}/admin/roles`);
    await screenshots(page, 'admin-roles');
    await page.goto(`${t.url}/admin/audit`);
    expect(await page.locator('table.audit').textContent()).toContain('user.api_token_issued');
    // The audit screenshot, with applications' events in it, comes from console-edges.browser-spec.ts.
    await context.close();
  });
});

async function adminCreatesPerson(page: Page): Promise<void> {
  await page.getByLabel('User name').fill('theo');
  await page.getByLabel('E-mail (optional)').fill('theo@example.com');
  await page.getByLabel('Password').fill('theo-password');
  await page.getByLabel('Consumer').check();
  await page.getByLabel('01 · Riverside Hospital').selectOption('write');
  await Promise.all([page.waitForURL(/notice=saved/), page.getByRole('button', { name: 'Create person' }).click()]);
  expect(await page.locator('table').first().textContent()).toContain('theo');
}

async function adminCreatesApiUser(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'API users' }).click();
  await page.getByLabel('User name (its client_id)').fill('erp-sync');
  await page.getByLabel('Access-token lifetime (minutes)').fill('15');
  await page.getByLabel('Consumer').check();
  await page.getByLabel('01 · Riverside Hospital').selectOption('read');
  await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Create API user' }).click()]);
  expect(await page.getByLabel('OAuth 2.0 enabled (client credentials)').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Generate API token' }).click();
  expect((await page.locator('#new-secret').textContent())!.trim()).toMatch(/^tat_/);
}

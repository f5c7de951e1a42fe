import type { Browser } from 'playwright-core';
import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { ensurePerson, launchChromium, newPage } from './browser-support';

/** Swagger UI at /docs: "Authorize" with OAuth 2.0 (code + PKCE) gets a real token from Tessera, and "Try it out" uses it. */
describe('Swagger UI Authorize (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let clientId = '';
  beforeAll(async () => {
    t = await startTestApp();
    await ensurePerson(t, 'yara', 'yara-password-1');
    const app = await request(t.url)
      .post('/api/apps')
      .set(consoleHeaders(t, await sessionCookieFor(t, 'yara')))
      .send({
        name: 'API explorer',
        confidential: false,
        redirect_uris: [`${t.url}/docs/oauth2-redirect.html`],
        scopes: ['openid', 'read'],
      })
      .expect(201);
    clientId = app.body.client_id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in through Tessera’s own pages and calls /api/me with the token', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${t.url}/docs`);
    await page.locator('button.authorize').first().click();
    const oauth = page.locator('.auth-container', { hasText: 'oauth2' });
    await oauth.locator('input#client_id_authorizationCode').fill(clientId);
    // /docs preselects openid and read (swagger.ts, initOAuth).
    expect(await oauth.locator('input[data-value=openid]').isChecked()).toBe(true);
    expect(await oauth.locator('input[data-value=read]').isChecked()).toBe(true);
    const [popup] = await Promise.all([context.waitForEvent('page'), oauth.locator('button.authorize').click()]);
    await popup.getByLabel('User name').fill('yara');
    await popup.getByLabel('Password').fill('yara-password-1');
    await popup.getByRole('button', { name: 'Sign in' }).click();
    const [token] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${t.url}/oauth2/token`),
      popup.getByRole('button', { name: 'Allow' }).click(),
    ]);
    expect(token.status()).toBe(200);
    await oauth.locator('button', { hasText: 'Logout' }).waitFor();
    await page.locator('.modal-ux button.close-modal').click();

    const operation = page.locator('#operations-account-MeController_show');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${t.url}/api/me`),
      operation.getByRole('button', { name: 'Execute' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ username: 'yara', credential: expect.any(String) });
    await context.close();
  });
});

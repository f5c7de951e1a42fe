import type { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { Authenticator } from '../two-factor/two-factor-support';
import { DESKTOP, ensurePerson, launchChromium, newPage, screenshots } from './browser-support';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** Issue 15 in Chromium: setting up TOTP, the second sign-in step, forced set-up, sessions and signing out everywhere. */
describe('two-factor sign-in and sessions in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp({}, { twoFactorAsShipped: true });
    await ensurePerson(t, 'nadia', 'nadia-password-123');
    await ensurePerson(t, 'boss', 'boss-password-123456', ['Administrator']);
    await ensurePerson(t, 'deputy', 'deputy-password-123456');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  let nadiaRecoveryCode: Promise<string | undefined> = Promise.resolve(undefined);

  async function passwordStep(page: Page, username: string, password: string, returnTo = '/account'): Promise<void> {
    await page.goto(`${t.url}/login?return_to=${encodeURIComponent(returnTo)}`);
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  /** Sets up TOTP on /account/two-factor as a person does: reads the key off the page and types the app's code. */
  async function setUpOnAccountPage(page: Page, password: string): Promise<{ phone: Authenticator; recoveryCodes: string[] }> {
    await page.goto(`${t.url}/account/two-factor`);
    await page.getByLabel('Your password').fill(password);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const qr = page.getByAltText('QR code for the authenticator app');
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 100)).toBe(true);
    const phone = new Authenticator((await page.locator('#totp-secret').textContent())!.trim());
    await screenshots(page, 'account-two-factor-setup');
    await page.getByLabel('Code from the app').fill(await phone.nextCode());
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.locator('#recovery-codes').waitFor();
    const recoveryCodes = (await page.locator('#recovery-codes code').allTextContents()).map((code) => code.trim());
    return { phone, recoveryCodes };
  }

  it('sets up TOTP from the QR page, then asks for a code at the next sign-in', async () => {
    const { context, page } = await newPage(browser);
    await passwordStep(page, 'nadia', 'nadia-password-123');
    const { phone, recoveryCodes } = await setUpOnAccountPage(page, 'nadia-password-123');
    expect(recoveryCodes).toHaveLength(10);
    nadiaRecoveryCode = Promise.resolve(recoveryCodes[0]);
    await screenshots(page, 'account-two-factor-recovery-codes');
    await page.getByRole('button', { name: 'Sign out nadia' }).click();

    await passwordStep(page, 'nadia', 'nadia-password-123', '/account/apps');
    expect(new URL(page.url()).pathname).toBe('/login/second-step');
    await screenshots(page, 'login-second-step');
    await page.getByLabel('Code').fill('000000' === phone.codeAt(0) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('That code is wrong');
    await page.getByLabel('Code').fill(await phone.nextCode());
    await Promise.all([page.waitForURL(`${t.url}/account/apps`), page.getByRole('button', { name: 'Verify' }).click()]);
    await context.close();
  });

  it('lists the sessions of two devices, and "Sign out everywhere" ends the other one', async () => {
    const laptop = await browser.newContext({ viewport: DESKTOP, userAgent: FIREFOX_ON_WINDOWS });
    const laptopPage = await laptop.newPage();
    await passwordStep(laptopPage, 'deputy', 'deputy-password-123456');
    const { context, page } = await newPage(browser);
    await passwordStep(page, 'deputy', 'deputy-password-123456', '/account/sessions');
    expect(new URL(page.url()).pathname).toBe('/account/sessions');
    expect(await page.locator('#sessions').textContent()).toContain('Firefox on Windows');
    expect(await page.locator('#sessions tr.current').textContent()).toContain('(this session)');
    await screenshots(page, 'account-sessions');

    await Promise.all([page.waitForURL(/notice=signed-out/), page.getByRole('button', { name: 'Sign out everywhere' }).click()]);
    expect(await page.locator('#sessions tbody tr').count()).toBe(1);
    await laptopPage.goto(`${t.url}/account`);
    expect(new URL(laptopPage.url()).pathname).toBe('/login');
    await laptop.close();
    await context.close();
  });

  it('makes an administrator set up two factors at the first sign-in, before any page, on a fresh installation', async () => {
    const { context, page } = await newPage(browser);
    await passwordStep(page, 'boss', 'boss-password-123456', '/admin/users');
    expect(new URL(page.url()).pathname).toBe('/login/two-factor-setup');
    const phone = new Authenticator((await page.locator('#totp-secret').textContent())!.trim());
    await screenshots(page, 'login-two-factor-setup');
    await page.getByLabel('Code from the app').fill(await phone.nextCode());
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await Promise.all([page.waitForURL(`${t.url}/admin/users`), page.getByRole('link', { name: 'Continue' }).click()]);

    // The administrator sees where nadia is signed in, and could sign her out everywhere or take her second factor away.
    const nadia = await newPage(browser);
    await passwordStep(nadia.page, 'nadia', 'nadia-password-123');
    await nadia.page.getByLabel('Code').fill((await nadiaRecoveryCode)!);
    await Promise.all([nadia.page.waitForURL(`${t.url}/account`), nadia.page.getByRole('button', { name: 'Verify' }).click()]);
    await page.getByRole('link', { name: 'nadia', exact: true }).click();
    await page.locator('#sign-ins').scrollIntoViewIfNeeded();
    expect(await page.locator('#sign-ins').textContent()).toContain('Password and code');
    expect(await page.locator('#sign-ins').textContent()).toContain('On, 9 recovery codes left.');
    await screenshots(page, 'admin-person-sessions');
    await nadia.context.close();
    await context.close();
  });
});

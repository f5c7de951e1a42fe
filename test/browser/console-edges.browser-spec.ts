import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { AuditService } from '../../src/audit/audit.service';
import { scopesForKeyType } from '../../src/keys/key-types';
import { UsersService } from '../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { ensureDatabases, ensurePerson, launchChromium, newPage, screenshots, signIn } from './browser-support';

/** The console's rough edges of issue 14 item 5, each as a person meets it in Chromium. */
describe('console edges (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let client: Server;
  let redirectUri = '';
  beforeAll(async () => {
    client = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>client</p>'));
    await new Promise<void>((resolve) => client.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(client.address() as AddressInfo).port}/callback`;
    t = await startTestApp();
    await ensureDatabases(t);
    await ensurePerson(t, 'mira', 'mira-password-1', ['Consumer'], { '01': 'write' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    client?.close();
  });

  /** An application of mira's that people can authorize (confidential, code flow, openid + read). */
  async function registerFloorPlanner(name = 'Floor planner'): Promise<{ client_id: string; client_secret: string }> {
    const res = await request(t.url)
      .post('/api/apps')
      .set(consoleHeaders(t, await sessionCookieFor(t, 'mira')))
      .send({ name, redirect_uris: [redirectUri], scopes: ['openid', 'read'] })
      .expect(201);
    return res.body;
  }

  async function authorize(page: Page, clientId: string, scope: string): Promise<URL> {
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope, state: 's-1' });
    await page.goto(`${t.url}/oauth2/authorize?${query.toString()}`);
    await page.waitForURL(
      (url) =>
        url.pathname === '/callback' ||
        url.pathname === '/consent' ||
        (url.host === new URL(t.url).host && url.pathname.startsWith('/oauth2')),
    );
    const allow = page.getByRole('button', { name: 'Allow' });
    if (!new URL(page.url()).pathname.startsWith('/callback') && (await allow.count()) > 0) {
      await Promise.all([page.waitForURL((url) => url.pathname === '/callback'), allow.click()]);
    }
    return new URL(page.url());
  }

  it('fits the audit table inside its card from 1280 to 1920 px once applications write to it', async () => {
    const app = await registerFloorPlanner('Nightly facility-management synchronisation');
    await request(t.url).post('/oauth2/token').auth(app.client_id, 'wrong-secret').type('form').send({ grant_type: 'client_credentials' });
    await request(t.url).post('/oauth2/token').type('form').send({
      grant_type: 'password',
      username: 'mira',
      password: 'mira-password-1',
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    await t.app.get(AuditService).record({
      event: 'app.updated',
      actorName: 'mira',
      clientId: app.client_id,
      target: app.client_id,
      details: { redirect_uris: `${redirectUri} https://facility-management.example.com/oauth/callback/tessera`, scopes: 'openid read' },
    });
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password, '/admin/audit');
    expect(await page.locator('table.audit').textContent()).toContain(`via ${app.client_id}`);
    for (const width of [1280, 1440, 1600, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      const fit = (await page.locator('table.audit').evaluate((table) => {
        const element = table as unknown as {
          scrollWidth: number;
          closest(selector: string): { clientWidth: number };
          ownerDocument: { documentElement: { scrollWidth: number } };
        };
        return {
          table: element.scrollWidth,
          card: element.closest('.card').clientWidth,
          page: element.ownerDocument.documentElement.scrollWidth,
        };
      })) as { table: number; card: number; page: number };
      expect({ width, fits: fit.table <= fit.card && fit.page <= width }).toEqual({ width, fits: true });
    }
    await screenshots(page, 'admin-audit');
    await context.close();
  });

  it("preselects the default role for a new person, whom apps then accept; without a role an app's invalid_scope says what is missing", async () => {
    const app = await registerFloorPlanner();
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password, '/admin/users');
    expect(await page.getByLabel('Consumer').isChecked()).toBe(true);
    expect(await page.getByLabel('Administrator').isChecked()).toBe(false);
    await createPerson(page, 'nadia', 'nadia-password-1');
    await createPerson(page, 'omar', 'omar-password-1', { withoutRoles: true });
    await context.close();
    expect((await t.app.get(UsersService).findByUsername('nadia'))!.roles!.map((role) => role.name)).toEqual(['Consumer']);

    const nadia = await newPage(browser);
    await signIn(nadia.page, t.url, 'nadia', 'nadia-password-1');
    expect((await authorize(nadia.page, app.client_id, 'openid read')).searchParams.get('code')).toEqual(expect.any(String));
    await nadia.context.close();

    const omar = await newPage(browser);
    await signIn(omar.page, t.url, 'omar', 'omar-password-1');
    const refused = await authorize(omar.page, app.client_id, 'openid read');
    expect(refused.searchParams.get('error')).toBe('invalid_scope');
    expect(refused.searchParams.get('error_description')).toBe(
      'None of the requested scopes (openid read) are held by the account: it has no role yet; an administrator can give it a role that does',
    );
    await omar.context.close();
  });

  it('offers on the key form only the scopes the chosen key type can hold', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password, '/account');
    const visibleScopes = async () =>
      (await page
        .locator('fieldset#f-scopes input[type=checkbox]')
        .evaluateAll((inputs) =>
          (inputs as unknown as Array<{ offsetParent: unknown; value: string }>)
            .filter((input) => input.offsetParent !== null)
            .map((input) => input.value),
        )) as string[];
    expect(await page.getByLabel('Type').inputValue()).toBe('api_key');
    expect(await visibleScopes()).toEqual(scopesForKeyType('api_key'));
    expect(await visibleScopes()).not.toContain('write');
    await page.getByLabel('Type').selectOption('personal_token');
    expect(await visibleScopes()).toEqual(scopesForKeyType('personal_token'));
    expect(await visibleScopes()).toContain('write');
    await screenshots(page, 'account-key-types');

    // A scope the type cannot hold is refused beside the field, also when posted by hand.
    await page.getByLabel('Name', { exact: true }).fill('Sneaky');
    await page.locator('fieldset#f-scopes input[value=write]').check();
    await page.getByLabel('Type').selectOption('api_key');
    await page.getByRole('button', { name: 'Create key' }).click();
    expect(await page.locator('#f-scopes-error').textContent()).toBe(
      'An API key is read-only and cannot hold write; create a personal access token for it',
    );
    await context.close();
  });

  it('asks before revoking a key, deleting an application or revoking a grant', async () => {
    const app = await registerFloorPlanner('Asset register');
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, 'mira', 'mira-password-1');
    await page.getByLabel('Name', { exact: true }).fill('Excel report');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.goto(`${t.url}/account`);

    await confirmFlow(page, 'Revoke Excel report', 'Yes, revoke', /notice=revoked/, 'account-revoke-confirm');
    await page.getByText('You have no keys yet.').waitFor();

    expect((await authorize(page, app.client_id, 'openid read')).searchParams.get('code')).toEqual(expect.any(String));
    await page.goto(`${t.url}/account/authorized`);
    await confirmFlow(page, 'Revoke Asset register', 'Yes, revoke', /notice=revoked/);

    await page.goto(`${t.url}/account/apps/${app.client_id}`);
    await confirmFlow(page, 'Delete Asset register', 'Yes, delete', /notice=deleted/);
    await context.close();
  });

  it('offers "Sign in" on an error page only to people who are not signed in', async () => {
    const signedIn = await newPage(browser);
    await signIn(signedIn.page, t.url, 'mira', 'mira-password-1');
    const missing = await signedIn.page.goto(`${t.url}/account/apps/no-such-app`);
    expect(missing!.status()).toBe(404);
    expect(await signedIn.page.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    expect(await signedIn.page.getByRole('link', { name: 'Back to your account' }).count()).toBe(1);
    await screenshots(signedIn.page, 'error-signed-in');
    await signedIn.page.goto(`${t.url}/account`);
    await signedIn.page.locator('form[action="/account/keys"] input[name="_csrf"]').evaluate((input) => input.remove());
    await signedIn.page.getByLabel('Name', { exact: true }).fill('forged');
    await signedIn.page.getByRole('button', { name: 'Create key' }).click();
    await signedIn.page.getByRole('alert').waitFor();
    expect(await signedIn.page.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    await signedIn.context.close();

    const anonymous = await newPage(browser);
    await anonymous.page.goto(`${t.url}/login`);
    await anonymous.page.locator('input[name="_csrf"]').evaluate((input) => input.remove());
    await anonymous.page.getByLabel('User name').fill('mira');
    await anonymous.page.getByLabel('Password').fill('mira-password-1');
    await anonymous.page.getByRole('button', { name: 'Sign in' }).click();
    await anonymous.page.getByRole('alert').waitFor();
    expect(await anonymous.page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await anonymous.context.close();
  });

  it('states the enforced password rules, and changes a password on its own page while staying signed in', async () => {
    await ensurePerson(t, 'pia', 'pia-password-1');
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password, '/admin/users');
    const rules = 'At least 8 characters (12 for administrators), at most 128; not a commonly used password, nor the user name.';
    expect(await page.locator('#f-password ~ small.hint').textContent()).toBe(rules);
    await page.goto(`${t.url}/account/password`);
    expect(await page.locator('#f-new_password ~ small.hint').textContent()).toBe(
      'At least 12 characters (you are an administrator), at most 128; not a commonly used password, nor your user name.',
    );
    await context.close();

    const pia = await newPage(browser);
    await signIn(pia.page, t.url, 'pia', 'pia-password-1');
    await pia.page.getByRole('link', { name: 'Password' }).click();
    expect(await pia.page.locator('#f-new_password ~ small.hint').textContent()).toBe(
      'At least 8 characters, at most 128; not a commonly used password, nor your user name.',
    );
    await pia.page.getByLabel('Current password').fill('pia-password-1');
    await pia.page.getByLabel('New password').fill('password');
    await pia.page.getByRole('button', { name: 'Change password' }).click();
    expect(await pia.page.locator('#f-new_password-error').textContent()).toBe(
      'password is one of the most commonly used passwords; choose another',
    );
    await pia.page.getByLabel('Current password').fill('pia-password-1');
    await pia.page.getByLabel('New password').fill('a walk along the river');
    await Promise.all([pia.page.waitForURL(/notice=changed/), pia.page.getByRole('button', { name: 'Change password' }).click()]);
    await screenshots(pia.page, 'account-password');
    await pia.page.goto(`${t.url}/account`);
    expect(new URL(pia.page.url()).pathname).toBe('/account');
    await pia.context.close();

    const login = await request(t.url).post('/consumer/login').send({ username: 'pia', password: 'pia-password-1' });
    expect(login.status).toBe(400);
    const audited = await t.dataSource.query(`SELECT outcome FROM audit_events WHERE event = 'password.changed' AND actor_name = 'pia'`);
    expect(audited).toEqual([{ outcome: 'success' }]);
  });
});

async function createPerson(page: Page, username: string, password: string, options: { withoutRoles?: boolean } = {}): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  if (options.withoutRoles) await page.getByLabel('Consumer').uncheck();
  await Promise.all([page.waitForURL(/notice=saved/), page.getByRole('button', { name: 'Create person' }).click()]);
}

/** The first click only asks; dismissing leaves everything as it was; the second button does it. */
async function confirmFlow(page: Page, ask: string, confirm: string, done: RegExp, screenshot?: string): Promise<void> {
  const url = page.url();
  const question = page.getByRole('group', { name: ask });
  expect(await question.isVisible()).toBe(false);
  await page.getByLabel(ask, { exact: true }).and(page.locator('summary')).click();
  expect(page.url()).toBe(url);
  const button = question.getByRole('button', { name: confirm });
  await button.waitFor();
  if (screenshot) await screenshots(page, screenshot);
  await Promise.all([page.waitForURL(done), button.click()]);
}

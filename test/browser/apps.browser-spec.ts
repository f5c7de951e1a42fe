import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureDatabases, ensurePerson, launchChromium, newPage, screenshots, signIn } from './browser-support';

/** A person's applications and authorized applications, driven through the pages in Chromium. */
describe('applications in the account pages (Chromium)', () => {
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
    await ensurePerson(t, 'noor', 'noor-password-1', ['Consumer'], { '01': 'read' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    client?.close();
  });

  it('a person registers an application, copies the secret shown once, and it gets a client_credentials token', async () => {
    const { context, page } = await newPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
    await signIn(page, t.url, 'noor', 'noor-password-1', '/account/apps');
    await page.getByLabel('Name', { exact: true }).fill('Room sync');
    await page.getByLabel('Description (optional)').fill('Copies room data into our facility system every night');
    await page.getByLabel('Redirect URIs').fill(`${redirectUri}\nhttps://sync.example.com/callback`);
    await page.getByRole('radio', { name: /^Confidential/ }).check();
    await page.getByRole('checkbox', { name: /^Client credentials/ }).check();
    await page.getByRole('button', { name: 'Register application' }).click();
    await page.getByRole('button', { name: 'Copy' }).waitFor();

    const clientId = (await page.locator('#new-client-id').textContent())!.trim();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const secret = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(secret).toMatch(/^tcs_/);
    expect(secret).toBe((await page.locator('#new-secret').textContent())!.trim());
    await screenshots(page, 'apps-new-secret');

    const token = await request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret })
      .expect(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(200);

    // The list never shows the secret again; the application's page edits it.
    await page.goto(`${t.url}/account/apps`);
    expect(await page.content()).not.toContain(secret);
    await screenshots(page, 'apps');
    await page.getByRole('link', { name: 'Edit Room sync' }).click();
    await page.getByLabel('Post-logout redirect URIs (optional)').fill('https://sync.example.com/signed-out');
    await Promise.all([page.waitForURL(/notice=saved/), page.getByRole('button', { name: 'Save changes' }).click()]);
    expect(await page.getByLabel('Post-logout redirect URIs (optional)').inputValue()).toBe('https://sync.example.com/signed-out');
    await screenshots(page, 'app-edit');
    await context.close();
  });

  it('a person revokes an authorized application and the refresh token from that grant stops working', async () => {
    await ensurePerson(t, 'devi', 'devi-password-1');
    const owner = await request(t.url)
      .post('/api/apps')
      .set(consoleHeaders(t, await sessionCookieFor(t, 'devi')))
      .send({ name: 'Floor planner', description: 'Draws floor plans from your rooms and items', redirect_uris: [redirectUri] })
      .expect(201);
    const app = owner.body as { client_id: string; client_secret: string };

    const { context, page } = await newPage(browser);
    await signIn(page, t.url, 'noor', 'noor-password-1');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: redirectUri,
      scope: 'read openid profile',
      state: 'st-1',
    });
    await page.goto(`${t.url}/oauth2/authorize?${query.toString()}`);
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    await screenshots(page, 'consent');
    await Promise.all([page.waitForURL((url) => url.pathname === '/callback'), page.getByRole('button', { name: 'Allow' }).click()]);
    const code = new URL(page.url()).searchParams.get('code')!;
    const tokens = await request(t.url)
      .post('/oauth2/token')
      .auth(app.client_id, app.client_secret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })
      .expect(200);
    const refreshed = await request(t.url)
      .post('/oauth2/token')
      .auth(app.client_id, app.client_secret)
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token })
      .expect(200);

    await page.goto(`${t.url}/account`);
    await page.getByRole('link', { name: 'Authorized apps' }).click();
    await page.getByText('Read building data in the databases you can see').waitFor();
    await screenshots(page, 'authorized-apps');
    await page.locator('summary[aria-label="Revoke Floor planner"]').click();
    await Promise.all([page.waitForURL(/notice=revoked/), page.getByRole('button', { name: 'Yes, revoke' }).click()]);
    await page.getByText('You have not authorized any application.').waitFor();
    await context.close();

    const refused = await request(t.url)
      .post('/oauth2/token')
      .auth(app.client_id, app.client_secret)
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
  });

  it('shows a clear page for an authorization request with an unregistered redirect URI', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, 'noor', 'noor-password-1');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'unknown-app',
      redirect_uri: 'https://elsewhere.example/cb',
      state: 's',
    });
    const response = await page.goto(`${t.url}/oauth2/authorize?${query.toString()}`);
    expect(response!.status()).toBe(400);
    expect(new URL(page.url()).host).toBe(new URL(t.url).host);
    await page.getByRole('heading', { name: 'This authorization request cannot be completed' }).waitFor();
    await screenshots(page, 'authorize-error');
    await context.close();
  });
});

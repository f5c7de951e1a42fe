import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { ensureDatabases, ensurePerson, launchChromium, newPage, signIn } from './browser-support';

// Needs the oauth branch (token endpoint, authorize, consent): runs once it is merged.
let REDIRECT_URI = '';

describe('OAuth 2.0 through the console in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let app: { client_id: string; client_secret: string };
  let other: { client_id: string; client_secret: string };
  let client: Server;
  beforeAll(async () => {
    client = await startClient();
    REDIRECT_URI = `http://127.0.0.1:${(client.address() as AddressInfo).port}/callback?foo=bar`;
    t = await startTestApp();
    await ensureDatabases(t);
    await ensurePerson(t, 'ada', 'ada-password-1', ['Consumer'], { '01': 'read' });
    const cookie = await sessionCookieFor(t, 'ada');
    app = (
      await request(t.url)
        .post('/api/apps')
        .set(consoleHeaders(t, cookie))
        .send({ name: 'Floor planner', description: 'Plans floors from your rooms', redirect_uris: [REDIRECT_URI] })
        .expect(201)
    ).body;
    other = (
      await request(t.url)
        .post('/api/apps')
        .set(consoleHeaders(t, cookie))
        .send({ name: 'Cost report', redirect_uris: [REDIRECT_URI] })
        .expect(201)
    ).body;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    client?.close();
  });

  it('an administrator sets up an API user whose client_credentials token lives 15 minutes', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, ADMIN.username, ADMIN.password, '/admin/api-users');
    await page.getByLabel('User name (its client_id)').fill('erp-sync');
    await page.getByLabel('Access-token lifetime (minutes)').fill('15');
    await page.getByLabel('01 · Riverside Hospital').selectOption('read');
    await page.getByLabel('Consumer').check();
    await Promise.all([page.waitForURL(/notice=created/), page.getByRole('button', { name: 'Create API user' }).click()]);
    expect(await page.getByLabel('OAuth 2.0 enabled (client credentials)').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Generate API token' }).click();
    const secret = (await page.locator('#new-secret').textContent())!.trim();
    await context.close();

    const token = await request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: 'erp-sync', client_secret: secret })
      .expect(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
  });

  it('a person signs in, consents, and the client exchanges the code for tokens', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(authorizeUrl(t.url, app.client_id, 'state-allow'));
    expect(new URL(page.url()).pathname).toBe('/login');
    await signInOnPage(page, 'ada', 'ada-password-1');
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    await Promise.all([page.waitForURL((url) => url.pathname === '/callback'), page.getByRole('button', { name: 'Allow' }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('foo')).toBe('bar');
    expect(url.searchParams.get('state')).toBe('state-allow');
    const code = url.searchParams.get('code')!;
    const token = await request(t.url)
      .post('/oauth2/token')
      .auth(app.client_id, app.client_secret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })
      .expect(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(200);
    await context.close();
  });

  it('a denial sends access_denied with the state back to the client', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, t.url, 'ada', 'ada-password-1');
    await page.goto(authorizeUrl(t.url, other.client_id, 'state-deny'));
    await Promise.all([page.waitForURL((url) => url.pathname === '/callback'), page.getByRole('button', { name: 'Deny' }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('state-deny');
    expect(url.searchParams.get('code')).toBeNull();
    await context.close();
  });
});

function authorizeUrl(base: string, clientId: string, state: string, scope = 'read'): string {
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT_URI, scope, state });
  return `${base}/oauth2/authorize?${query.toString()}`;
}

/** The client application's redirect URI: a tiny page on a local port. */
function startClient(): Promise<Server> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>client</p>'));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function signInOnPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
}

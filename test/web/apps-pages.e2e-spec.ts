import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { FormClient } from './browser-like';
import { personBrowser } from './pages-support';

const CALLBACK = 'https://client.example.com/callback';

const clientCredentials = (t: TestApp, clientId: string, secret: string) =>
  request(t.url).post('/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });

function createdFrom(text: string): { clientId: string; secret: string | null } {
  const clientId = /<code id="new-client-id" class="wrap">([^<]+)<\/code>/.exec(text)![1];
  const secret = /<p class="secret" id="new-secret">(tcs_[A-Za-z0-9_-]+)<\/p>/.exec(text)?.[1] ?? null;
  return { clientId, secret };
}

describe('My applications (/account/apps)', () => {
  let t: TestApp;
  let ana: FormClient;
  beforeAll(async () => {
    t = await startTestApp();
    ana = await personBrowser(t, 'ana', 'ana-password-1');
  });
  afterAll(async () => {
    await t.close();
  });

  async function register(fields: Record<string, string | string[]>): Promise<request.Response> {
    await ana.get('/account/apps');
    return ana.post('/account/apps', fields);
  }

  it('shows the account tabs and the registration form', async () => {
    const res = await ana.get('/account/apps');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<a href="/account/apps" aria-current="page">My apps</a>');
    expect(res.text).toContain('<a href="/account/authorized">Authorized apps</a>');
    expect(res.text).toContain('You have not registered an application yet.');
    expect(res.text).toMatch(/<label for="f-redirect_uris">Redirect URIs<\/label>\s*<textarea id="f-redirect_uris" name="redirect_uris"/);
  });

  it('registers a confidential application, shows its secret once, and the secret works for client_credentials', async () => {
    const res = await register({
      name: 'Cost report',
      description: 'Sums up room costs',
      redirect_uris: `${CALLBACK}\r\n\r\nhttps://client.example.com/other\r\n`,
      client_type: 'confidential',
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      scopes: ['read'],
    });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { clientId, secret } = createdFrom(res.text);
    expect(secret).toBeTruthy();
    expect(res.text).toContain('data-copy="new-secret"');
    const token = await clientCredentials(t, clientId, secret!).expect(200);
    expect(token.body.scope).toBe('read');

    const api = await request(t.url).get(`/api/apps/${clientId}`).set(consoleHeaders(t, ana.cookieHeader())).expect(200);
    expect(api.body).toMatchObject({
      name: 'Cost report',
      description: 'Sums up room costs',
      confidential: true,
      redirect_uris: [CALLBACK, 'https://client.example.com/other'],
    });
    const list = await ana.get('/account/apps');
    expect(list.text).toContain('Cost report');
    expect(list.text).toContain(clientId);
    expect(list.text).not.toContain(secret!);
  });

  it('registers a public application without a secret', async () => {
    const res = await register({
      name: 'Phone app',
      redirect_uris: 'com.example.app:/callback',
      client_type: 'public',
      grant_types: ['authorization_code'],
      scopes: ['read'],
    });
    expect(res.status).toBe(201);
    const { secret } = createdFrom(res.text);
    expect(secret).toBeNull();
    expect(res.text).toContain('A public client has no secret');
  });

  it('shows the rules of /api/apps beside the fields', async () => {
    const bad = await register({ name: '', redirect_uris: 'not a uri', client_type: 'confidential', scopes: ['read'] });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<p class="field-error" id="f-name-error">name must be longer than or equal to 1 characters<\/p>/);
    expect(bad.text).toMatch(
      /<p class="field-error" id="f-redirect_uris-error">each redirect URI must be an absolute URI without a fragment/,
    );
    expect(bad.text).toContain('>not a uri</textarea>');

    const publicCredentials = await register({
      name: 'Odd',
      redirect_uris: CALLBACK,
      client_type: 'public',
      grant_types: ['client_credentials'],
      scopes: ['read'],
    });
    expect(publicCredentials.status).toBe(400);
    expect(publicCredentials.text).toMatch(
      /<fieldset class="field has-error" id="f-grant_types"[\s\S]*A public client cannot use client_credentials/,
    );
  });

  it('edits the name, description and redirect URIs, rotates the secret and deletes the application', async () => {
    const { clientId, secret } = createdFrom(
      (
        await register({
          name: 'Planner',
          redirect_uris: CALLBACK,
          client_type: 'confidential',
          grant_types: ['authorization_code', 'client_credentials'],
          scopes: ['read'],
        })
      ).text,
    );
    const path = `/account/apps/${clientId}`;
    const page = await ana.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<code class="wrap">${clientId}</code>`);

    const saved = await ana.post(path, {
      name: 'Floor planner',
      description: 'Plans floors',
      redirect_uris: `${CALLBACK}\nhttps://client.example.com/cb2`,
      post_logout_redirect_uris: 'https://client.example.com/bye',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${path}?notice=saved`);
    const after = await ana.get(path);
    expect(after.text).toContain('value="Floor planner"');
    expect(after.text).toContain(`>${CALLBACK}\nhttps://client.example.com/cb2</textarea>`);
    expect(after.text).toContain('>https://client.example.com/bye</textarea>');

    const invalid = await ana.post(path, { name: 'Floor planner', redirect_uris: 'https://x.example/cb#frag' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('id="f-redirect_uris-error"');

    await ana.get(path);
    const rotated = await ana.post(`${path}/secret`, {});
    expect(rotated.status).toBe(200);
    const fresh = /<p class="secret" id="new-secret">(tcs_[A-Za-z0-9_-]+)<\/p>/.exec(rotated.text)![1];
    expect(fresh).not.toBe(secret);
    await clientCredentials(t, clientId, secret!).expect(401);
    await clientCredentials(t, clientId, fresh).expect(200);

    const deleted = await ana.post(`${path}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.location).toBe('/account/apps?notice=deleted');
    await clientCredentials(t, clientId, fresh).expect(401);
    expect((await ana.get(path)).status).toBe(404);
  });

  it("does not show another person's application", async () => {
    const { clientId } = createdFrom(
      (await register({ name: 'Mine', redirect_uris: CALLBACK, client_type: 'confidential', scopes: ['read'] })).text,
    );
    const bo = await personBrowser(t, 'bo', 'bo-password-1');
    expect((await bo.get(`/account/apps/${clientId}`)).status).toBe(404);
    await bo.get('/account/apps');
    expect((await bo.post(`/account/apps/${clientId}/delete`, {})).status).toBe(404);
  });
});

describe('My applications with APPS_REQUIRE_FULL_ACCESS=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ APPS_REQUIRE_FULL_ACCESS: 'true' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('offers the form only to full-access accounts and refuses the others with 403', async () => {
    const limited = await personBrowser(t, 'lim', 'lim-password-1');
    const page = await limited.get('/account/apps');
    expect(page.text).toContain('Only accounts with access to every database can register applications here.');
    expect(page.text).not.toContain('action="/account/apps"');
    const refused = await limited.post('/account/apps', {
      name: 'X',
      redirect_uris: CALLBACK,
      client_type: 'confidential',
      scopes: ['read'],
    });
    expect(refused.status).toBe(403);

    await t.app.get(UsersService).create({ username: 'full', password: 'full-password-1', roles: ['Consumer'], fullAccess: true });
    const full = new FormClient(t.url);
    await full.signIn('full', 'full-password-1');
    const allowed = await full.get('/account/apps');
    expect(allowed.text).toContain('action="/account/apps"');
  });
});

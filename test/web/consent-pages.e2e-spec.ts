import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { FormClient } from './browser-like';
import { personBrowser } from './pages-support';

const CALLBACK = 'https://client.example.com/callback';

describe('consent page, authorized applications (/account/authorized) and bad authorization requests', () => {
  let t: TestApp;
  let dev: FormClient;
  let kim: FormClient;
  let app: { client_id: string; client_secret: string };
  beforeAll(async () => {
    t = await startTestApp();
    dev = await personBrowser(t, 'dev', 'dev-password-1');
    kim = await personBrowser(t, 'kim', 'kim-password-1');
    app = (
      await request(t.url)
        .post('/api/apps')
        .set(consoleHeaders(t, dev.cookieHeader()))
        .send({ name: 'Floor <planner>', description: 'Plans floors from your rooms', redirect_uris: [CALLBACK] })
        .expect(201)
    ).body;
  });
  afterAll(async () => {
    await t.close();
  });

  const authorizePath = (query: Record<string, string>) =>
    `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', redirect_uri: CALLBACK, ...query }).toString()}`;

  function hiddenFields(text: string, action: string): Record<string, string> {
    const form = new RegExp(`<form method="post" action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(text)![1];
    return Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]),
    );
  }

  it('names the application, says what each scope allows in words, shows who is signed in, and carries CSRF', async () => {
    const page = await kim.get(authorizePath({ client_id: app.client_id, scope: 'read openid', state: 'st' }));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Floor &lt;planner&gt;</span> wants to access your Tessera account');
    expect(page.text).toContain('Plans floors from your rooms');
    expect(page.text).toContain('Read building data in the databases you can see');
    expect(page.text).toContain('Know who you are when you sign in to it');
    expect(page.text).toContain('Signed in as <strong>kim</strong>');
    expect(page.text).toMatch(/<button type="submit" name="decision" value="allow">Allow<\/button>/);
    expect(page.text).toMatch(/<button type="submit" name="decision" value="deny" class="secondary">Deny<\/button>/);
    expect(hiddenFields(page.text, '/consent')._csrf).toHaveLength(43);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('"Not you?" signs out and comes back to the same request after signing in', async () => {
    const someone = await personBrowser(t, 'lee', 'lee-password-1');
    const page = await someone.get(authorizePath({ client_id: app.client_id, scope: 'read', state: 'again' }));
    const fields = hiddenFields(page.text, '/logout');
    const back = new URL(fields.return_to, t.url);
    expect(back.pathname).toBe('/oauth2/authorize');
    expect(back.searchParams.get('state')).toBe('again');
    const out = await someone.post('/logout', { return_to: fields.return_to }); // with the page's CSRF token, as the form sends it
    expect(out.status).toBe(303);
    const login = new URL(out.headers.location, t.url);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('return_to')).toBe(fields.return_to);
    expect((await someone.get('/account')).status).toBe(303);
  });

  it('a bad return_to on sign-out falls back to the account page after signing in', async () => {
    const someone = await personBrowser(t, 'max', 'max-password-1');
    await someone.get('/account');
    const out = await someone.post('/logout', { return_to: '//evil.example/x' });
    expect(out.headers.location).toBe(`/login?return_to=${encodeURIComponent('/account')}`);
  });

  it.each([
    ['an unknown client', { client_id: 'no-such-client' }, 'not registered here'],
    ['an unregistered redirect URI', { redirect_uri: 'https://evil.example/cb' }, 'redirect_uri is not one registered'],
  ])('shows an error page for %s and never redirects', async (_name, query, message) => {
    const res = await kim.get(authorizePath({ client_id: app.client_id, state: 's', ...query }));
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('This authorization request cannot be completed');
    expect(res.text).toContain(message);
    expect(res.text).not.toContain('evil.example');
  });

  it('lists an authorized application with its scopes in words, and revoking it stops its refresh token', async () => {
    const page = await kim.get(authorizePath({ client_id: app.client_id, scope: 'read', state: 'r1' }));
    const { _csrf: _sent, ...fields } = hiddenFields(page.text, '/consent');
    const allowed = await kim.post('/consent', { ...fields, decision: 'allow' });
    expect(allowed.status).toBe(302);
    const code = new URL(allowed.headers.location).searchParams.get('code')!;
    const tokens = await request(t.url)
      .post('/oauth2/token')
      .auth(app.client_id, app.client_secret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK })
      .expect(200);
    expect(tokens.body.refresh_token).toEqual(expect.any(String));

    const list = await kim.get('/account/authorized');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<strong>Floor &lt;planner&gt;</strong>');
    expect(list.text).toContain('<li title="read">Read building data in the databases you can see</li>');
    expect(list.text).toMatch(/data-label="Allowed">20\d\d-\d\d-\d\d \d\d:\d\d UTC/);
    const grant = /action="\/account\/authorized\/([^/"]+)\/revoke"/.exec(list.text)![1];

    const other = await dev.get('/account/authorized');
    expect(other.text).toContain('You have not authorized any application.');
    expect((await dev.post(`/account/authorized/${grant}/revoke`, {})).status).toBe(404);

    const revoked = await kim.post(`/account/authorized/${grant}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe('/account/authorized?notice=revoked');
    expect((await kim.get('/account/authorized')).text).toContain('You have not authorized any application.');
    const refresh = await request(t.url)
      .post('/oauth2/token')
      .auth(app.client_id, app.client_secret)
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe('invalid_grant');
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${tokens.body.access_token}`).expect(401);
  });
});

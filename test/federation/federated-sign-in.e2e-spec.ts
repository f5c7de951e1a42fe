import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { CompanyProvider } from '../support/company-provider';
import { RedirectingBrowser } from '../support/redirecting-browser';
import { consoleHeaders } from '../support/sessions';
import type { TestApp } from '../support/test-app';
import { COMPANY_CLIENT, companySettings, Federation, ProviderView, startFederation, upstreamSignIn } from './federation-support';

/** Issue 15, items 1 and 2: signing in through the company's OpenID Connect provider (a real node-oidc-provider). */
describe('FederationService (sign-in through an upstream OpenID Connect provider)', () => {
  let f: Federation;
  let t: TestApp;
  let company: CompanyProvider;
  let provider: ProviderView;
  let admin: Federation['admin'];
  let startUrl: Federation['startUrl'];

  beforeAll(async () => {
    f = await startFederation();
    ({ t, company, provider, admin, startUrl } = f);
  });
  afterAll(async () => {
    await f?.close();
  });

  async function signIn(login: string, claims: Record<string, unknown>) {
    await company.setAccount(login, claims);
    const browser = new RedirectingBrowser();
    const callback = await upstreamSignIn(browser, startUrl(), login);
    const done = await browser.get(callback);
    return { browser, done };
  }

  function me(browser: RedirectingBrowser) {
    return request(t.url)
      .get('/api/me')
      .set(consoleHeaders(t, browser.cookieHeader(t.url)));
  }

  it('offers "Sign in with Company" and an e-mail field on the login page', async () => {
    const page = await request(t.url).get('/login?return_to=%2Faccount').expect(200);
    expect(page.text).toContain(`href="/login/federation/${provider.id}?return_to=%2Faccount">Sign in with Company</a>`);
    expect(page.text).toMatch(/<form method="get" action="\/login\/federation"/);
    expect(page.text).toContain('name="email" type="email"');
  });

  it('provisions the person on first sign-in with the roles and database access their groups map to', async () => {
    const { browser, done } = await signIn('ada', { email: 'ada@company.example', groups: ['planners'] });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${t.url}/account`);
    const body = (await me(browser).expect(200)).body;
    expect(body).toMatchObject({ username: 'ada', roles: ['Consumer'], database_access: { '01': 'write' } });
    const [link] = await t.dataSource.query('SELECT issuer, subject, user_id FROM federated_identities WHERE subject = ?', ['ada']);
    expect(link).toEqual({ issuer: company.issuer, subject: 'ada', user_id: body.id });
  });

  it('refreshes the mapping on every sign-in: new groups, new roles, old access gone', async () => {
    const first = await signIn('bo', { email: 'bo@company.example', groups: ['planners'] });
    const id = (await me(first.browser).expect(200)).body.id;
    const again = await signIn('bo', { email: 'bo@company.example', groups: ['tessera-admins'] });
    const body = (await me(again.browser).expect(200)).body;
    expect(body).toMatchObject({ id, roles: ['Administrator'], database_access: {} });
    expect(body.scopes).toContain('admin');
  });

  it('gives the default role when no group rule matches', async () => {
    const { browser } = await signIn('cy', { email: 'cy@company.example', groups: ['somebody-else'] });
    expect((await me(browser).expect(200)).body).toMatchObject({ username: 'cy', roles: ['Consumer'], database_access: {} });
  });

  it('never links by e-mail: a local account with the same address and name stays apart', async () => {
    const local = await t.app
      .get(UsersService)
      .create({ username: 'lin', email: 'lin@company.example', password: 'lin-local-password-1', roles: [] });
    const { browser } = await signIn('lin', { email: 'lin@company.example', groups: ['tessera-admins'] });
    const body = (await me(browser).expect(200)).body;
    expect(body.id).not.toBe(local.id);
    expect(body.username).toMatch(/^lin-[0-9a-f]{8}$/);
    expect((await t.app.get(UsersService).findById(local.id))!.roles).toEqual([]);
  });

  it('refuses a linked account an administrator disabled', async () => {
    const { browser } = await signIn('dora', { email: 'dora@company.example' });
    const id = (await me(browser).expect(200)).body.id;
    await t.app.get(UsersService).update(id, { disabled: true });
    const again = await signIn('dora', { email: 'dora@company.example' });
    expect(again.done.status).toBe(400);
    expect(again.done.text).toContain('This account is disabled');
    expect(again.browser.cookie(t.url, 'tessera_session')).toBeUndefined();
  });

  it('sends an e-mail of a configured domain straight to its provider (home-realm discovery)', async () => {
    const browser = new RedirectingBrowser();
    const found = await browser.get(`${t.url}/login/federation?email=${encodeURIComponent('dee@Company.example')}&return_to=%2Faccount`);
    expect(found.status).toBe(303);
    expect(found.location).toBe(`${t.url}/login/federation/${provider.id}?return_to=%2Faccount&login_hint=dee%40Company.example`);
    const upstream = await browser.get(found.location!);
    expect(upstream.location!.startsWith(`${company.issuer}/auth?`)).toBe(true);
    const sent = new URL(upstream.location!).searchParams;
    expect(sent.get('code_challenge_method')).toBe('S256');
    expect(sent.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.get('redirect_uri')).toBe(provider.redirect_uri);
    expect(sent.get('login_hint')).toBe('dee@Company.example');

    const unknown = await browser.get(`${t.url}/login/federation?email=dee%40elsewhere.example&return_to=%2Faccount`);
    expect(unknown.location).toBe(`${t.url}/login?error=no_provider&return_to=%2Faccount`);
  });

  describe('attacks on the callback', () => {
    it('refuses an ID token whose claims were changed after signing (tampered)', async () => {
      await company.setAccount('eve', { email: 'eve@company.example', groups: [] });
      await company.setMode('tamper-signature');
      try {
        const browser = new RedirectingBrowser();
        const done = await browser.get(await upstreamSignIn(browser, startUrl(), 'eve'));
        expect(done.status).toBe(400);
        expect(done.text).toContain('Company&#39;s answer could not be verified, so you were not signed in.');
        expect(browser.cookie(t.url, 'tessera_session')).toBeUndefined();
        expect(await t.app.get(UsersService).findByUsername('eve')).toBeNull();
      } finally {
        await company.setMode('normal');
      }
    });

    it('refuses a validly signed ID token that carries another nonce', async () => {
      await company.setAccount('nia', { email: 'nia@company.example' });
      await company.setMode('wrong-nonce');
      try {
        const browser = new RedirectingBrowser();
        const done = await browser.get(await upstreamSignIn(browser, startUrl(), 'nia'));
        expect(done.status).toBe(400);
        expect(done.text).toContain('could not be verified');
        expect(browser.cookie(t.url, 'tessera_session')).toBeUndefined();
      } finally {
        await company.setMode('normal');
      }
    });

    it('refuses a callback whose state was changed', async () => {
      await company.setAccount('sam', {});
      const browser = new RedirectingBrowser();
      const callback = new URL(await upstreamSignIn(browser, startUrl(), 'sam'));
      callback.searchParams.set('state', 'x'.repeat(43));
      const done = await browser.get(callback.toString());
      expect(done.status).toBe(400);
      expect(done.text).toContain('did not start in this browser');
      expect(browser.cookie(t.url, 'tessera_session')).toBeUndefined();
    });

    it('refuses a callback in a browser other than the one that started the sign-in (login CSRF)', async () => {
      await company.setAccount('mal', {});
      const attacker = new RedirectingBrowser();
      const callback = await upstreamSignIn(attacker, startUrl(), 'mal');
      const victim = new RedirectingBrowser();
      const done = await victim.get(callback);
      expect(done.status).toBe(400);
      expect(victim.cookie(t.url, 'tessera_session')).toBeUndefined();
    });

    it('refuses a replayed callback: the state is used once', async () => {
      await company.setAccount('rex', {});
      const browser = new RedirectingBrowser();
      const callback = await upstreamSignIn(browser, startUrl(), 'rex');
      expect((await browser.get(callback)).status).toBe(303);
      const replay = await browser.get(callback);
      expect(replay.status).toBe(400);
      expect(replay.text).toContain('was already used');
    });
  });

  it('signing out of Tessera ends the upstream session too (RP-initiated logout)', async () => {
    const { browser } = await signIn('uma', { email: 'uma@company.example' });
    const account = await browser.get(`${t.url}/account`);
    const csrf = /<form method="post" action="\/logout"[^>]*>[\s\S]*?name="_csrf" value="([^"]+)"/.exec(account.text)![1];
    const out = await browser.post(`${t.url}/logout`, { _csrf: csrf });
    expect(out.status).toBe(303);
    const end = new URL(out.location!);
    expect(`${end.origin}${end.pathname}`).toBe(`${company.issuer}/session/end`);
    expect(end.searchParams.get('client_id')).toBe(COMPANY_CLIENT.id);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${t.url}/login`);
    expect(browser.cookie(t.url, 'tessera_session')).toBeUndefined();

    const confirm = await browser.get(out.location!);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.text)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)![1];
    const done = await browser.post(new URL(action, company.issuer).toString(), { xsrf, logout: 'yes' });
    expect((await browser.follow(done.location!)).url).toBe(`${t.url}/login`);
    // The provider asks for the password again: its session is gone (upstreamSignIn fails otherwise).
    await upstreamSignIn(browser, startUrl(), 'uma');
  });

  it('answers a clear page, not a 500, when the provider goes down between its login page and the callback', async () => {
    const port = await CompanyProvider.reservePort();
    const flaky = (
      await admin.create({ ...companySettings(`http://127.0.0.1:${port}`), name: 'Flaky Corp', domains: ['flaky.example'] }).expect(201)
    ).body as ProviderView;
    const upstream = await CompanyProvider.start({
      port,
      clientId: COMPANY_CLIENT.id,
      clientSecret: COMPANY_CLIENT.secret,
      redirectUris: [flaky.redirect_uri],
    });
    const browser = new RedirectingBrowser();
    let callback: string;
    try {
      callback = await upstreamSignIn(browser, `${t.url}/login/federation/${flaky.id}?return_to=%2Faccount`, 'fay');
    } finally {
      await upstream.stop();
    }
    const res = await browser.get(callback);
    expect(res.status).toBe(502);
    expect(res.text).toContain('Flaky Corp is not answering right now');
    expect(browser.cookie(t.url, 'tessera_session')).toBeUndefined();
    await admin.remove(flaky.id).expect(204);
  });

  it('answers a clear page, not a 500, when the provider is down', async () => {
    const nowhere = await CompanyProvider.reservePort();
    const down = (
      await admin.create({ ...companySettings(`http://127.0.0.1:${nowhere}`), name: 'Down Corp', domains: ['down.example'] }).expect(201)
    ).body;
    const res = await new RedirectingBrowser().get(`${t.url}/login/federation/${down.id}?return_to=%2Faccount`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('Down Corp is not answering right now');
    await admin.remove(down.id).expect(204);
  });
});

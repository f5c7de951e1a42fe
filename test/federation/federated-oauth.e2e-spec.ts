import request from 'supertest';
import { Session } from '../../src/auth/session.entity';
import { UsersService } from '../../src/users/users.service';
import { App, basic, decodeJwt, form, pkcePair, registerApp } from '../oauth/oauth-fixtures';
import { RedirectingBrowser } from '../support/redirecting-browser';
import { sessionCookieFor } from '../support/sessions';
import type { TestApp } from '../support/test-app';
import { Federation, startFederation, upstreamSignIn } from './federation-support';

const REDIRECT_URI = 'https://planner.example/callback';

/** Issue 15, item 2: an OAuth client's flow through an upstream sign-in, prompt=login / max_age, and the required provider. */
describe('Federated sign-in and OAuth clients', () => {
  let f: Federation;
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    f = await startFederation();
    t = f.t;
    app = await registerApp(t, await sessionCookieFor(t, 'admin'), {
      name: 'Planner',
      redirect_uris: [REDIRECT_URI],
      scopes: ['openid', 'profile', 'read'],
      grant_types: ['authorization_code', 'password'],
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  function authorizeUrl(extra: Record<string, string> = {}) {
    const pkce = pkcePair();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.client_id,
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile read',
      state: 'st-1',
      nonce: 'client-nonce-1',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    return { url: `${t.url}/oauth2/authorize?${query}`, verifier: pkce.verifier };
  }

  async function exchange(code: string, verifier: string) {
    const res = await form(
      t,
      '/oauth2/token',
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basic(app.client_id, app.client_secret!),
    );
    expect(res.status).toBe(200);
    return decodeJwt(res.body.id_token).payload;
  }

  function hiddenFields(page: string): Record<string, string> {
    const body = /<form method="post" action="\/consent">([\s\S]*?)<\/form>/.exec(page)![1];
    return Object.fromEntries(
      [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]),
    );
  }

  it('continues an authorization request through consent after the upstream sign-in, and the ID token says "fed"', async () => {
    await f.company.setAccount('olga', { email: 'olga@company.example', groups: ['planners'] });
    const browser = new RedirectingBrowser();
    const { url, verifier } = authorizeUrl();
    const loginPage = await browser.follow(url);
    expect(loginPage.url).toContain('/login?return_to=');
    const button = /href="(\/login\/federation\/[^"]+)">Sign in with Company/.exec(loginPage.text)![1].replace(/&amp;/g, '&');

    const callback = await upstreamSignIn(browser, `${t.url}${button}`, 'olga');
    const consent = await browser.follow(callback);
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('wants to access your Tessera account');
    expect(consent.text).toContain('Signed in as <strong>olga</strong>');

    const allowed = await browser.post(`${t.url}/consent`, { ...hiddenFields(consent.text), decision: 'allow' });
    expect(allowed.status).toBe(302);
    const back = new URL(allowed.location!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('st-1');

    const idToken = await exchange(back.searchParams.get('code')!, verifier);
    expect(idToken).toMatchObject({ nonce: 'client-nonce-1', amr: ['fed'], acr: 'fed', preferred_username: 'olga', aud: app.client_id });
  });

  it('prompt=login sends a federated session back to its provider for a fresh sign-in (prompt=login upstream too)', async () => {
    await f.company.setAccount('pia', { email: 'pia@company.example' });
    const browser = new RedirectingBrowser();
    await browser.get(await upstreamSignIn(browser, f.startUrl(), 'pia'));
    const consentFirst = await browser.follow(authorizeUrl().url);
    await browser.post(`${t.url}/consent`, { ...hiddenFields(consentFirst.text), decision: 'allow' });

    const { url, verifier } = authorizeUrl({ prompt: 'login' });
    const forced = await browser.get(url);
    expect(forced.status).toBe(302);
    expect(forced.location!.startsWith(`${t.url}/login/federation/${f.provider.id}?return_to=`)).toBe(true);
    expect(forced.location).toContain('&prompt=login');
    expect(decodeURIComponent(new URL(forced.location!).searchParams.get('return_to')!)).not.toContain('prompt=login');
    const upstream = await browser.get(forced.location!);
    expect(new URL(upstream.location!).searchParams.get('prompt')).toBe('login');

    // The provider asks again although its own session is still there.
    const callback = await upstreamSignIn(browser, upstream.location!, 'pia');
    const coded = await browser.follow(callback, (next) => next.startsWith(REDIRECT_URI));
    const code = new URL(coded.location!).searchParams.get('code')!;
    const idToken = await exchange(code, verifier);
    expect(idToken.amr).toEqual(['fed']);
    expect(Number(idToken.auth_time)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 60);
  });

  it('max_age shorter than the session asks for a fresh sign-in, passing max_age upstream', async () => {
    await f.company.setAccount('quin', { email: 'quin@company.example' });
    const browser = new RedirectingBrowser();
    await browser.get(await upstreamSignIn(browser, f.startUrl(), 'quin'));
    const quin = await t.app.get(UsersService).findByUsername('quin');
    // The session was signed in an hour ago.
    await t.dataSource.getRepository(Session).update({ userId: quin!.id }, { createdAt: new Date(Date.now() - 3_600_000) });

    const fresh = await browser.get(authorizeUrl({ max_age: '600' }).url);
    expect(fresh.location!.startsWith(`${t.url}/login/federation/${f.provider.id}?`)).toBe(true);
    expect(fresh.location).toContain('&max_age=600');
    const upstream = await browser.get(fresh.location!);
    expect(new URL(upstream.location!).searchParams.get('max_age')).toBe('600');

    const recent = await browser.get(authorizeUrl({ max_age: '7200' }).url);
    expect(recent.status).toBe(200);
    expect(recent.text).toContain('wants to access your Tessera account');
  });

  it('prompt=login on a local password session shows the sign-in form even though someone is signed in', async () => {
    const cookie = await sessionCookieFor(t, 'admin');
    const forced = await request(t.url)
      .get(new URL(authorizeUrl({ prompt: 'login' }).url).pathname + new URL(authorizeUrl({ prompt: 'login' }).url).search)
      .set('Cookie', cookie);
    expect(forced.status).toBe(302);
    expect(forced.headers.location).toMatch(/^\/login\?return_to=.*&prompt=login$/);
    const page = await request(t.url).get(forced.headers.location).set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sign in to Tessera');
    expect(page.text).toContain('&amp;prompt=login">Sign in with Company');
  });

  describe('a provider required for its domains', () => {
    const rita = { username: 'rita', password: 'rita-local-password-1' };

    beforeAll(async () => {
      await t.app.get(UsersService).create({ ...rita, email: 'rita@company.example', roles: ['Consumer'] });
      await t.app
        .get(UsersService)
        .create({ username: 'otto', password: 'otto-local-password-1', email: 'otto@elsewhere.example', roles: ['Consumer'] });
    });
    afterAll(async () => {
      await f.admin.update(f.provider.id, { required: false }).expect(200);
    });

    it('accepts the local password while the provider is optional', async () => {
      await request(t.url).post('/consumer/login').send(rita).expect(200);
    });

    it('refuses the local password on the console, /consumer/login and the password grant once it is required', async () => {
      await f.admin.update(f.provider.id, { required: true }).expect(200);

      const browser = new RedirectingBrowser();
      const page = await browser.get(`${t.url}/login`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
      const console = await browser.post(`${t.url}/login`, { _csrf: csrf, ...rita });
      expect(console.status).toBe(403);
      expect(console.text).toContain('Your organisation requires signing in with Company');
      expect(browser.cookie(t.url, 'tessera_session')).toBeUndefined();

      const consumer = await request(t.url).post('/consumer/login').send(rita);
      expect(consumer.status).toBe(400);
      expect(consumer.body).toEqual({
        error: 'invalid_grant',
        error_description: expect.stringContaining('requires signing in with Company'),
      });

      const grant = await form(
        t,
        '/oauth2/token',
        { grant_type: 'password', ...rita, scope: 'read' },
        basic(app.client_id, app.client_secret!),
      );
      expect(grant.status).toBe(400);
      expect(grant.body.error).toBe('invalid_grant');
      expect(grant.body.error_description).toContain('Company');
    });

    it('still lets people of other domains use their password', async () => {
      await request(t.url).post('/consumer/login').send({ username: 'otto', password: 'otto-local-password-1' }).expect(200);
    });

    it('does not tell a guesser anything: a wrong password gets the usual answer', async () => {
      const res = await request(t.url)
        .post('/consumer/login')
        .send({ ...rita, password: 'wrong-password-123' });
      expect(res.status).toBe(400);
      expect(res.body.error_description).not.toContain('Company');
    });
  });
});

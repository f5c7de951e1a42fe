import { createHash } from 'node:crypto';
import request from 'supertest';
import { AuditLogService } from '../../src/audit/audit-log.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { FormClient } from '../web/browser-like';
import { personBrowser } from '../web/pages-support';
import {
  basicAuth,
  createPerson,
  decodeJwtPart,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  tokenRequest,
  unique,
} from '../security/support/flows';
import { Authenticator, enrolThroughAccountPage, recoveryCodesOnPage, secretOnPage } from './two-factor-support';

/** Issue 15, item 3: TOTP two-factor sign-in on every channel (console, /consumer/login, the password grant). */
describe('two-factor sign-in', () => {
  let t: TestApp;
  let app: { client_id: string; client_secret?: string };

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_LOCKOUT_THRESHOLD: '4' }, { twoFactorAsShipped: true });
    app = await registerApp(t, ADMIN.username);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A new person signed in to the console, with TOTP set up through the account page. */
  async function enrolledPerson(roles = ['Consumer']) {
    const username = unique('tf');
    const password = `${username}-password-123`;
    const browser = await personBrowser(t, username, password, roles);
    const { app: phone, recoveryCodes } = await enrolThroughAccountPage(browser, password);
    return { username, password, browser, phone, recoveryCodes };
  }

  const passwordGrant = (username: string, password: string, otp?: string) =>
    tokenRequest(t, { grant_type: 'password', username, password, scope: 'read', otp }, basicAuth(app.client_id, app.client_secret!));

  const events = async (event: string) => (await t.app.get(AuditLogService).search({ type: event }, { top: 500, skip: 0 })).entries;

  it('sets up TOTP on the account page: a QR code drawn on the server, the key, a first code, then ten recovery codes once', async () => {
    const browser = await personBrowser(t, unique('set'), 'setup-password-123');
    await browser.get('/account/two-factor');
    const start = await browser.post('/account/two-factor/setup', { password: 'setup-password-123' });
    expect(start.status).toBe(200);
    expect(start.text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="QR code for the authenticator app"/);
    const phone = new Authenticator(secretOnPage(start.text));
    expect(phone.secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrong = await browser.post('/account/two-factor/confirm', { code: '000000' === phone.codeAt(0) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('That code is wrong');

    const done = await browser.post('/account/two-factor/confirm', { code: await phone.nextCode() });
    expect(done.status).toBe(200);
    const codes = recoveryCodesOnPage(done.text);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await browser.get('/account/two-factor')).text).toMatch(/<strong id="recovery-codes-left">10<\/strong>/);
    expect((await browser.get('/account/two-factor')).text).not.toContain(codes[0]);
  });

  it('keeps the TOTP secret sealed and the recovery codes as SHA-256 in the database', async () => {
    const person = await enrolledPerson();
    const user = await t.dataSource.query(`SELECT id FROM users WHERE username = '${person.username}'`);
    const [row] = await t.dataSource.query(`SELECT secret_sealed FROM two_factor_enrolments WHERE user_id = '${user[0].id}'`);
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(person.phone.secret);
    const hashes = (await t.dataSource.query(`SELECT code_hash FROM recovery_codes WHERE user_id = '${user[0].id}'`)).map(
      (r: { code_hash: string }) => r.code_hash,
    );
    const sha = (code: string) => createHash('sha256').update(code.replace(/-/g, '')).digest('hex');
    expect(hashes.sort()).toEqual(person.recoveryCodes.map(sha).sort());
  });

  it('writes neither the key, the recovery codes nor a code sent to any table or log line', async () => {
    const person = await enrolledPerson();
    const code = await person.phone.nextCode();
    await passwordGrant(person.username, person.password, code).expect(200);
    await passwordGrant(person.username, person.password, person.recoveryCodes[1]).expect(200);
    const tables = ['two_factor_enrolments', 'recovery_codes', 'sessions', 'audit_events', 'users', 'login_failures'];
    const stored = (await Promise.all(tables.map((table) => t.dataSource.query(`SELECT * FROM ${table}`))))
      .map((rows) => JSON.stringify(rows))
      .join('');
    const logs = t.logs.join('');
    for (const secret of [person.phone.secret, code, ...person.recoveryCodes, ...person.recoveryCodes.map((c) => c.replace(/-/g, ''))]) {
      expect({ secret, stored: stored.includes(secret), logged: logs.includes(secret) }).toEqual({ secret, stored: false, logged: false });
    }
  });

  describe('the console', () => {
    it('asks for the code on a second page; the pending sign-in opens nothing; a right code signs in and returns to the page asked for', async () => {
      const person = await enrolledPerson();
      const browser = new FormClient(t.url);
      await browser.get('/login');
      const first = await browser.post('/login', { username: person.username, password: person.password, return_to: '/account/keys' });
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/login/second-step?return_to=%2Faccount%2Fkeys');
      expect((await browser.get('/account')).headers.location).toBe('/login?return_to=%2Faccount');

      const page = await browser.get('/login/second-step?return_to=%2Faccount%2Fkeys');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Enter your code');
      const wrong = await browser.post('/login/second-step', { code: '12345x', return_to: '/account/keys' });
      expect(wrong.status).toBe(401);

      const right = await browser.post('/login/second-step', { code: await person.phone.nextCode(), return_to: '/account/keys' });
      expect(right.status).toBe(303);
      expect(right.headers.location).toBe('/account/keys');
      expect((await browser.get('/account')).status).toBe(200);
    });

    it('sends a second-step page without a pending sign-in back to /login', async () => {
      const browser = new FormClient(t.url);
      expect((await browser.get('/login/second-step')).headers.location).toBe('/login');
    });
  });

  /**
   * A right password that stops at the second step tells an operator the password is known,
   * perhaps to someone without the phone: every channel leaves a `login.pending` row, which is
   * neither a sign-in nor a failure (no lockout count).
   */
  it('audits a right password waiting for its code on every channel as login.pending, and only the code completes a sign-in', async () => {
    const person = await enrolledPerson();
    const pendingOf = async () =>
      (await events('login.pending')).filter((entry) => entry.actor_name === person.username).map((entry) => entry.details);
    const signInsOf = async () => (await events('login.succeeded')).filter((entry) => entry.actor_name === person.username).length;
    const signInsBefore = await signInsOf();

    const browser = new FormClient(t.url);
    await browser.get('/login');
    expect((await browser.post('/login', { username: person.username, password: person.password })).status).toBe(303);
    expect((await request(t.url).post('/consumer/login').send({ username: person.username, password: person.password })).status).toBe(400);
    expect((await passwordGrant(person.username, person.password)).status).toBe(400);

    expect(await pendingOf()).toEqual(
      expect.arrayContaining([
        { channel: 'login-page', step: 'otp' },
        { channel: 'consumer', step: 'otp' },
        { channel: 'oauth-password', step: 'otp' },
      ]),
    );
    expect(await pendingOf()).toHaveLength(3);
    expect(await signInsOf()).toBe(signInsBefore);
    const failures = (await events('login.failed')).filter((entry) => entry.actor_name === person.username);
    expect(failures).toEqual([]);
  });

  describe('the password grant', () => {
    it('answers invalid_grant naming the otp parameter when the code is missing, then issues with it', async () => {
      const person = await enrolledPerson();
      const missing = await passwordGrant(person.username, person.password);
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({
        error: 'invalid_grant',
        error_description:
          'This account signs in with two factors: send the 6-digit code from the authenticator app, or a recovery code, as "otp"',
      });
      const issued = await passwordGrant(person.username, person.password, await person.phone.nextCode());
      expect(issued.status).toBe(200);
      expect(issued.body.access_token).toEqual(expect.any(String));
    });

    it('refuses a code replayed within its window, and an older one after a newer one', async () => {
      const person = await enrolledPerson();
      const code = await person.phone.nextCode();
      expect((await passwordGrant(person.username, person.password, code)).status).toBe(200);
      const replayed = await passwordGrant(person.username, person.password, code);
      expect(replayed.status).toBe(400);
      expect(replayed.body.error_description).toBe('The two-factor code is wrong or was already used, or the account is locked');
    });

    it('accepts a phone one step behind (at set-up) and one step ahead (at sign-in), and refuses two steps ahead', async () => {
      const username = unique('skew');
      const browser = await personBrowser(t, username, 'skew-password-123');
      await browser.get('/account/two-factor');
      const setup = await browser.post('/account/two-factor/setup', { password: 'skew-password-123' });
      const phone = new Authenticator(secretOnPage(setup.text));
      expect((await browser.post('/account/two-factor/confirm', { code: phone.codeAt(-1) })).status).toBe(200);
      expect((await passwordGrant(username, 'skew-password-123', phone.codeAt(2))).status).toBe(400);
      expect((await passwordGrant(username, 'skew-password-123', phone.codeAt(1))).status).toBe(200);
    });

    it('takes each recovery code once, instead of a code from the app', async () => {
      const person = await enrolledPerson();
      const [first] = person.recoveryCodes;
      expect((await passwordGrant(person.username, person.password, first.toUpperCase())).status).toBe(200);
      expect((await passwordGrant(person.username, person.password, first)).status).toBe(400);
      expect((await person.browser.get('/account/two-factor')).text).toMatch(/<strong id="recovery-codes-left">9<\/strong>/);
      expect(
        (await events('two_factor.recovery_code_used')).find((row) => row.actor_name === null && row.details?.left === 9),
      ).toBeTruthy();
    });

    it('counts wrong codes towards the lockout, and a right password between them does not reset the count', async () => {
      const person = await enrolledPerson();
      for (let i = 0; i < 4; i++) expect((await passwordGrant(person.username, person.password, '000001')).status).toBe(400);
      const locked = await passwordGrant(person.username, person.password, await person.phone.nextCode());
      expect(locked.status).toBe(400);
      expect(locked.body.error_description).toBe('The username or password is wrong, or the account is locked or disabled');
      expect((await events('account.locked')).map((row) => row.actor_name)).toContain(person.username);
      const reasons = (await events('login.failed')).filter((row) => row.actor_name === person.username).map((row) => row.details?.reason);
      expect(reasons.filter((reason) => reason === 'wrong second-factor code').length).toBeGreaterThanOrEqual(4);
    });
  });

  describe('/consumer/login', () => {
    it('answers 400 otp_required to the password alone, and a token to a second call with the code', async () => {
      const person = await enrolledPerson();
      const first = await request(t.url).post('/consumer/login').send({ username: person.username, password: person.password });
      expect(first.status).toBe(400);
      expect(first.body).toEqual({
        error: 'otp_required',
        error_description:
          'This account signs in with two factors: send the 6-digit code from the authenticator app, or a recovery code, as "otp"',
      });
      const second = await request(t.url)
        .post('/consumer/login')
        .send({ username: person.username, password: person.password, otp: await person.phone.nextCode() });
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ token: expect.any(String), expires_in: expect.any(Number), refresh_token: expect.any(String) });
    });

    it('refuses a wrong code with invalid_grant', async () => {
      const person = await enrolledPerson();
      const res = await request(t.url)
        .post('/consumer/login')
        .send({ username: person.username, password: person.password, otp: '999999' });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
    });
  });

  describe('ID tokens', () => {
    /** A browser code flow with `openid` for the signed-in browser: the ID token's claims. */
    async function idTokenClaims(browser: FormClient): Promise<Record<string, unknown>> {
      const { verifier, challenge } = pkcePair();
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: app.client_id,
        redirect_uri: REDIRECT_URI,
        scope: 'openid read',
        state: 's',
        nonce: 'n',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const page = await browser.get(`/oauth2/authorize?${query.toString()}`);
      const fields = Object.fromEntries(
        [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
          .filter((m) => m[1] !== '_csrf')
          .map((m) => [m[1], m[2].replace(/&amp;/g, '&')]),
      );
      const allowed = await browser.post('/consent', { ...fields, decision: 'allow' });
      const code = new URL(allowed.headers.location).searchParams.get('code')!;
      const tokens = await tokenRequest(
        t,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
        basicAuth(app.client_id, app.client_secret!),
      ).expect(200);
      return decodeJwtPart(tokens.body.id_token, 1);
    }

    it('say amr ["pwd","otp"] and the two-factor acr after the second step, ["pwd"] after a password alone', async () => {
      const person = await enrolledPerson();
      const browser = new FormClient(t.url);
      await browser.get('/login');
      await browser.post('/login', { username: person.username, password: person.password });
      await browser.get('/login/second-step');
      expect((await browser.post('/login/second-step', { code: await person.phone.nextCode() })).status).toBe(303);
      expect(await idTokenClaims(browser)).toMatchObject({ amr: ['pwd', 'otp'], acr: 'urn:tessera:acr:mfa', nonce: 'n' });

      const plain = await personBrowser(t, unique('plain'), 'plain-password-123');
      expect(await idTokenClaims(plain)).toMatchObject({ amr: ['pwd'], acr: 'urn:tessera:acr:pwd' });
    });
  });

  it('turns two-factor sign-in off with a current code, after which the password alone works again', async () => {
    const person = await enrolledPerson();
    expect((await person.browser.post('/account/two-factor/disable', { code: '000000' })).status).toBe(401);
    const off = await person.browser.post('/account/two-factor/disable', { code: await person.phone.nextCode() });
    expect(off.status).toBe(303);
    expect((await passwordGrant(person.username, person.password)).status).toBe(200);
    expect((await events('two_factor.disabled')).length).toBeGreaterThan(0);
  });
});

/**
 * The requirement per role, on a fresh installation as shipped: Administrator marked and in force
 * from the first start, the administrator (created at first start, never signed in) included.
 */
describe('two-factor sign-in required for a role', () => {
  let t: TestApp;
  let app: { client_id: string; client_secret?: string };

  beforeAll(async () => {
    t = await startTestApp({}, { twoFactorAsShipped: true });
    app = await registerApp(t, ADMIN.username);
  });
  afterAll(async () => {
    await t.close();
  });

  const ENROL_FIRST =
    'This account must set up two-factor sign-in before it can get tokens: sign in to the console once (/login) and set up an authenticator app';

  const passwordGrant = (username: string, password: string, otp?: string) =>
    tokenRequest(t, { grant_type: 'password', username, password, scope: 'read', otp }, basicAuth(app.client_id, app.client_secret!));
  const consumerLogin = (username: string, password: string, otp?: string) =>
    request(t.url).post('/consumer/login').send({ username, password, otp });

  it('ships Administrator marked and Consumer not', async () => {
    const roles = await request(t.url)
      .get('/api/admin/roles')
      .set(consoleHeaders(t, await sessionCookieFor(t, ADMIN.username)))
      .expect(200);
    expect(roles.body.find((role: { name: string }) => role.name === 'Administrator').two_factor_required).toBe(true);
    expect(roles.body.find((role: { name: string }) => role.name === 'Consumer').two_factor_required).toBe(false);
  });

  it("refuses the first administrator's password alone on the API channels from the first start, saying to set up two factors at the console", async () => {
    const grant = await passwordGrant(ADMIN.username, ADMIN.password);
    expect([grant.status, grant.body]).toEqual([400, { error: 'invalid_grant', error_description: ENROL_FIRST }]);
    const consumer = await consumerLogin(ADMIN.username, ADMIN.password);
    expect([consumer.status, consumer.body]).toEqual([400, { error: 'invalid_grant', error_description: ENROL_FIRST }]);
    // A code sent along changes nothing: there is no authenticator yet.
    expect((await consumerLogin(ADMIN.username, ADMIN.password, '123456')).body.error_description).toBe(ENROL_FIRST);
  });

  it("leaves the administrator's API keys and tokens working: only signing in with the password is refused", async () => {
    const cookie = await sessionCookieFor(t, ADMIN.username);
    const key = await request(t.url).post('/api/keys').set(consoleHeaders(t, cookie)).send({ name: 'Excel' }).expect(201);
    const me = await request(t.url).get('/api/me').set('Authorization', basicAuth('', key.body.key)).expect(200);
    expect(me.body.username).toBe(ADMIN.username);
  });

  it('makes the first administrator set up TOTP at the first console sign-in, before any page; then asks for a code on every channel', async () => {
    const browser = new FormClient(t.url);
    await browser.get('/login');
    const signIn = await browser.post('/login', { username: ADMIN.username, password: ADMIN.password, return_to: '/admin' });
    expect(signIn.headers.location).toBe('/login/two-factor-setup?return_to=%2Fadmin');
    expect((await browser.get('/admin/users')).headers.location).toBe('/login?return_to=%2Fadmin%2Fusers');
    expect((await browser.get('/account')).headers.location).toBe('/login?return_to=%2Faccount');
    const setup = await browser.get('/login/two-factor-setup?return_to=%2Fadmin');
    expect(setup.text).toContain('Your role requires a second factor');
    const phone = new Authenticator(secretOnPage(setup.text));
    const done = await browser.post('/login/two-factor-setup', { code: await phone.nextCode(), return_to: '/admin' });
    expect(done.status).toBe(200);
    const recoveryCodes = recoveryCodesOnPage(done.text);
    expect(recoveryCodes).toHaveLength(10);
    expect(done.text).toContain('href="/admin"');
    expect((await browser.get('/admin/users')).status).toBe(200);

    expect((await passwordGrant(ADMIN.username, ADMIN.password)).body.error).toBe('invalid_grant');
    expect((await passwordGrant(ADMIN.username, ADMIN.password, await phone.nextCode())).status).toBe(200);
    expect((await consumerLogin(ADMIN.username, ADMIN.password)).body.error).toBe('otp_required');
    expect((await consumerLogin(ADMIN.username, ADMIN.password, await phone.nextCode())).status).toBe(200);
    const nextVisit = new FormClient(t.url);
    await nextVisit.get('/login');
    const again = await nextVisit.post('/login', { username: ADMIN.username, password: ADMIN.password, return_to: '/admin' });
    expect(again.headers.location).toBe('/login/second-step?return_to=%2Fadmin');
    await nextVisit.get('/login/second-step?return_to=%2Fadmin');
    expect((await nextVisit.post('/login/second-step', { code: recoveryCodes[0], return_to: '/admin' })).headers.location).toBe('/admin');
  });

  it('audits a right password of a person who must first set up two factors as login.pending with step enrol', async () => {
    const person = await createPerson(t, { roles: ['Administrator'], password: 'pending-admin-password-123' });
    expect((await consumerLogin(person.username, person.password)).status).toBe(400);
    const pending = (await t.app.get(AuditLogService).search({ type: 'login.pending' }, { top: 500, skip: 0 })).entries;
    expect(pending.filter((entry) => entry.actor_name === person.username).map((entry) => entry.details)).toEqual([
      { channel: 'consumer', step: 'enrol' },
    ]);
  });

  it('holds for every holder of the role, and unmarking the role through the admin API lifts it for those who have not set it up', async () => {
    const second = await createPerson(t, { roles: ['Administrator'], password: 'second-admin-password-123' });
    const grant = await passwordGrant(second.username, second.password);
    expect([grant.status, grant.body]).toEqual([400, { error: 'invalid_grant', error_description: ENROL_FIRST }]);
    const signIn = await new FormClient(t.url).signIn(second.username, second.password);
    expect(signIn.headers.location).toBe('/login/two-factor-setup?return_to=%2Faccount');

    await request(t.url)
      .patch('/api/admin/roles/Administrator')
      .set(consoleHeaders(t, await sessionCookieFor(t, ADMIN.username)))
      .send({ two_factor_required: false })
      .expect(200);
    expect((await passwordGrant(second.username, second.password)).status).toBe(200);
    expect((await t.app.get(AuditLogService).search({ type: 'role.updated' }, { top: 10, skip: 0 })).total).toBe(1);
  });
});

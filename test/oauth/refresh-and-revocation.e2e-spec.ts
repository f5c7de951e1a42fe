import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { App, basic, createPerson, form, registerApp } from './oauth-fixtures';

describe('password and refresh_token grants, revocation and introspection', () => {
  let t: TestApp;
  let person: { id: string; cookie: string; password: string };
  let app: App;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp();
    person = await createPerson(t, 'paula');
    app = await registerApp(t, person.cookie, { name: 'Desktop', grant_types: ['password', 'refresh_token', 'client_credentials'] });
    auth = basic(app.client_id, app.client_secret!);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (scope?: string) =>
    form(
      t,
      '/oauth2/token',
      { grant_type: 'password', username: 'paula', password: person.password, ...(scope ? { scope } : {}) },
      auth,
    ).expect(200);
  const refresh = (token: string, extra: Record<string, string> = {}) =>
    form(t, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: token, ...extra }, auth);
  const me = (token: string) => request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`);

  it("logs in with the password grant, carrying the person's role scopes", async () => {
    // Since round 2: account too, when the role has it, though the app's own list lacks it.
    const res = await login();
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^trt_[A-Za-z0-9_-]{43}$/),
      scope: 'read openid profile email account',
    });
  });

  it('refuses a wrong password with invalid_grant', async () => {
    const res = await form(t, '/oauth2/token', { grant_type: 'password', username: 'paula', password: 'wrong' }, auth).expect(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('rotates the refresh token on every use and may narrow but never widen the scope', async () => {
    const first = await login('read openid');
    const second = await refresh(first.body.refresh_token, { scope: 'read' }).expect(200);
    expect(second.body.scope).toBe('read');
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    const third = await refresh(second.body.refresh_token).expect(200);
    expect(third.body.scope).toBe('read openid');
    const wider = await refresh(third.body.refresh_token, { scope: 'read openid email' }).expect(400);
    expect(wider.body.error).toBe('invalid_scope');
  });

  it('revokes the whole grant when a used refresh token comes back', async () => {
    const first = await login();
    const second = await refresh(first.body.refresh_token).expect(200);
    await me(second.body.access_token).expect(200);
    const reuse = await refresh(first.body.refresh_token).expect(400);
    expect(reuse.body).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token was already used; every token of this grant has been revoked',
    });
    await me(second.body.access_token).expect(401);
    await me(first.body.access_token).expect(401);
    expect((await refresh(second.body.refresh_token).expect(400)).body.error).toBe('invalid_grant');
  });

  it('lets exactly one of several concurrent refreshes with the same token succeed', async () => {
    const first = await login();
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(first.body.refresh_token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).every((r) => r.body.error === 'invalid_grant')).toBe(true);
  });

  it('refuses the loser of a race with a refresh still in flight without revoking the grant', async () => {
    const first = await login();
    // As the winner leaves it between its rotation and writing the successor.
    await t.dataSource
      .getRepository('refresh_tokens')
      .createQueryBuilder()
      .update()
      .set({ rotatedAt: new Date() })
      .where('rotated_at IS NULL')
      .execute();
    const loser = await refresh(first.body.refresh_token).expect(400);
    expect(loser.body).toEqual({ error: 'invalid_grant', error_description: 'The refresh token was just used by a concurrent request' });
    await me(first.body.access_token).expect(200);
  });

  it('refuses a refresh token presented by another client', async () => {
    const first = await login();
    const other = await registerApp(t, person.cookie, { name: 'Other', grant_types: ['refresh_token', 'client_credentials'] });
    const res = await form(
      t,
      '/oauth2/token',
      { grant_type: 'refresh_token', refresh_token: first.body.refresh_token },
      basic(other.client_id, other.client_secret!),
    ).expect(400);
    expect(res.body.error).toBe('invalid_grant');
    await refresh(first.body.refresh_token).expect(200);
  });

  it('refuses an expired refresh token', async () => {
    const first = await login();
    await t.dataSource
      .getRepository('refresh_tokens')
      .createQueryBuilder()
      .update()
      .set({ idleExpiresAt: new Date(Date.now() - 1000) })
      .where('rotated_at IS NULL')
      .execute();
    const res = await refresh(first.body.refresh_token).expect(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is expired' });
  });

  it('refuses refreshing for a disabled person', async () => {
    // Through another person's application: paula's own stops with her anyway (review A4).
    const owner = await createPerson(t, 'oona');
    const other = await registerApp(t, owner.cookie, { name: 'Other desktop', grant_types: ['password', 'refresh_token'] });
    const viaOther = basic(other.client_id, other.client_secret!);
    const first = await form(t, '/oauth2/token', { grant_type: 'password', username: 'paula', password: person.password }, viaOther).expect(
      200,
    );
    await t.dataSource.getRepository('users').update({ id: person.id }, { disabled: true });
    try {
      const refused = await form(t, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: first.body.refresh_token }, viaOther);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_grant');
    } finally {
      await t.dataSource.getRepository('users').update({ id: person.id }, { disabled: false });
    }
  });

  it("stops the disabled person's own application: it authenticates for no one (review A4)", async () => {
    const first = await login();
    await t.dataSource.getRepository('users').update({ id: person.id }, { disabled: true });
    try {
      expect((await refresh(first.body.refresh_token).expect(400)).body.error).toBe('unauthorized_client');
    } finally {
      await t.dataSource.getRepository('users').update({ id: person.id }, { disabled: false });
    }
  });

  describe('revocation (RFC 7009)', () => {
    it('revokes the grant when its refresh token is revoked', async () => {
      const tokens = await login();
      const res = await form(t, '/oauth2/revoke', { token: tokens.body.refresh_token, token_type_hint: 'refresh_token' }, auth).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      await me(tokens.body.access_token).expect(401);
      expect((await refresh(tokens.body.refresh_token).expect(400)).body.error).toBe('invalid_grant');
    });

    it('revokes the grant when its access token is revoked, at /oauth2/revoke_token too', async () => {
      const tokens = await login();
      await me(tokens.body.access_token).expect(200);
      await form(t, '/oauth2/revoke_token/', { token: tokens.body.access_token }, auth).expect(200);
      await me(tokens.body.access_token).expect(401);
      expect((await refresh(tokens.body.refresh_token).expect(400)).body.error).toBe('invalid_grant');
    });

    it("answers 200 for an unknown token and leaves another client's token alone", async () => {
      await form(t, '/oauth2/revoke', { token: 'no-such-token' }, auth).expect(200);
      const tokens = await login();
      const other = await registerApp(t, person.cookie, { name: 'Another', grant_types: ['client_credentials'] });
      await form(t, '/oauth2/revoke', { token: tokens.body.access_token }, basic(other.client_id, other.client_secret!)).expect(200);
      await me(tokens.body.access_token).expect(200);
    });

    it('requires client authentication for the RFC 7009 form', async () => {
      const tokens = await login();
      expect((await form(t, '/oauth2/revoke', { token: tokens.body.access_token }).expect(401)).body.error).toBe('invalid_client');
      await me(tokens.body.access_token).expect(200);
    });
  });

  describe('introspection (RFC 7662)', () => {
    it('describes an active access token and refresh token, and an inactive one after revocation', async () => {
      const tokens = await login('read');
      const access = await form(t, '/oauth2/introspect', { token: tokens.body.access_token }, auth).expect(200);
      expect(access.body).toMatchObject({
        active: true,
        token_type: 'Bearer',
        scope: 'read',
        client_id: app.client_id,
        username: 'paula',
        sub: person.id,
        iss: t.url,
      });
      const refreshInfo = await form(t, '/oauth2/introspect', { token: tokens.body.refresh_token }, auth).expect(200);
      expect(refreshInfo.body).toMatchObject({ active: true, token_type: 'refresh_token', client_id: app.client_id });
      await form(t, '/oauth2/revoke', { token: tokens.body.access_token }, auth).expect(200);
      expect((await form(t, '/oauth2/introspect', { token: tokens.body.access_token }, auth).expect(200)).body).toEqual({ active: false });
      expect((await form(t, '/oauth2/introspect', { token: tokens.body.refresh_token }, auth).expect(200)).body).toEqual({ active: false });
    });

    it('needs an authenticated client', async () => {
      const tokens = await login();
      expect((await form(t, '/oauth2/introspect', { token: tokens.body.access_token }).expect(401)).body.error).toBe('invalid_client');
    });
  });
});

import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { App, basic, createPerson, decodeJwt, form, registerApp } from './oauth-fixtures';

describe('client_credentials grant', () => {
  let t: TestApp;
  let owner: { id: string; cookie: string };
  let app: App;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await createPerson(t, 'olga', { databaseAccess: {} });
    app = await registerApp(t, owner.cookie, { name: 'Back office', grant_types: ['client_credentials'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('issues an RFC 9068 JWT with client_secret_basic', async () => {
    const res = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret!)).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read openid profile email',
    });
    const { header, payload } = decodeJwt(res.body.access_token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: t.url,
      aud: t.url,
      sub: app.client_id,
      client_id: app.client_id,
      scope: 'read openid profile email',
    });
    expect(payload.exp).toBe((payload.iat as number) + 3600);
    const jwks = await request(t.url).get('/oauth2/jwks').expect(200);
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', kid: header.kid, alg: 'ES256', use: 'sig' })]);
    expect(JSON.stringify(jwks.body)).not.toContain('"d"');
  });

  it('accepts client_secret_post and narrows to the requested scope', async () => {
    const res = await form(t, '/oauth2/token', {
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret!,
      scope: 'read',
    }).expect(200);
    expect(res.body.scope).toBe('read');
    expect(res.body.refresh_token).toBeUndefined();
  });

  it("lets the token act with its owner's rights through the Bearer strategy", async () => {
    const res = await form(
      t,
      '/oauth2/token',
      { grant_type: 'client_credentials', scope: 'read' },
      basic(app.client_id, app.client_secret!),
    ).expect(200);
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'olga', credential: 'client', client_id: app.client_id, scopes: ['read'] });
  });

  it('refuses a wrong secret with 401 invalid_client and a challenge', async () => {
    const res = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, 'wrong')).expect(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    expect(res.headers['www-authenticate']).toBe('Basic realm="Tessera"');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('audits a refused client without the secret it presented', async () => {
    await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, 'Wrong-Secret-Canary')).expect(401);
    await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(`tsk_${'k'.repeat(43)}`, 'x')).expect(401);
    const rows = await t.dataSource.query("SELECT * FROM audit_events WHERE event = 'client.authentication_failed'");
    expect(rows.some((row: { client_id: string; outcome: string }) => row.client_id === app.client_id && row.outcome === 'failure')).toBe(
      true,
    );
    expect(JSON.stringify(rows)).not.toContain('Wrong-Secret-Canary');
    expect(JSON.stringify(rows)).not.toContain('kkkkkkkk');
  });

  it('refuses two authentication methods at once, and a body client_id that differs from Basic', async () => {
    const both = await form(
      t,
      '/oauth2/token',
      { grant_type: 'client_credentials', client_secret: app.client_secret! },
      basic(app.client_id, app.client_secret!),
    ).expect(400);
    expect(both.body.error).toBe('invalid_request');
    const other = await form(
      t,
      '/oauth2/token',
      { grant_type: 'client_credentials', client_id: 'someone-else' },
      basic(app.client_id, app.client_secret!),
    ).expect(401);
    expect(other.body.error).toBe('invalid_client');
  });

  it('refuses credentials in the query string unless the deployment allows them', async () => {
    const res = await request(t.url)
      .post(`/oauth2/token?client_id=${app.client_id}&client_secret=${app.client_secret}&grant_type=client_credentials`)
      .expect(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.error_description).toMatch(/request body, not in the URL query/);
  });

  it('answers unsupported_grant_type, invalid_scope and missing grant_type per RFC 6749 §5.2', async () => {
    const auth = basic(app.client_id, app.client_secret!);
    expect((await form(t, '/oauth2/token', { grant_type: 'urn:nope' }, auth).expect(400)).body.error).toBe('unsupported_grant_type');
    expect((await form(t, '/oauth2/token', {}, auth).expect(400)).body.error).toBe('invalid_request');
    expect((await form(t, '/oauth2/token', { grant_type: 'client_credentials', scope: 'read bogus' }, auth).expect(400)).body.error).toBe(
      'invalid_scope',
    );
    expect((await form(t, '/oauth2/token', { grant_type: 'client_credentials', scope: 'admin' }, auth).expect(400)).body.error).toBe(
      'invalid_scope',
    );
  });

  it('refuses a grant type the client is not registered for', async () => {
    const res = await form(
      t,
      '/oauth2/token',
      { grant_type: 'password', username: 'olga', password: 'x' },
      basic(app.client_id, app.client_secret!),
    ).expect(400);
    expect(res.body.error).toBe('unauthorized_client');
  });

  it('stops the token the moment its owner is disabled', async () => {
    const res = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret!)).expect(200);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    const users = t.dataSource.getRepository('users');
    await users.update({ id: owner.id }, { disabled: true });
    try {
      await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(401);
      expect(
        (await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret!)).expect(400)).body
          .error,
      ).toBe('unauthorized_client');
    } finally {
      await users.update({ id: owner.id }, { disabled: false });
    }
  });

  it("follows changes to the owner's roles at once, and changes made outside TypeORM within a second", async () => {
    const res = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret!)).expect(200);
    const scopesNow = async () =>
      (await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200)).body.scopes;
    expect(await scopesNow()).toEqual(['read', 'openid', 'profile', 'email']);
    const roles = t.dataSource.getRepository('roles');
    await roles.update({ name: 'Consumer' }, { scopes: ['read', 'openid'] });
    try {
      expect(await scopesNow()).toEqual(['read', 'openid']);
    } finally {
      await roles.update({ name: 'Consumer' }, { scopes: ['read', 'openid', 'profile', 'email'] });
    }
    expect(await scopesNow()).toEqual(['read', 'openid', 'profile', 'email']);
    await t.dataSource.query('UPDATE users SET disabled = 1 WHERE id = ?', [owner.id]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(401);
    } finally {
      await t.dataSource.getRepository('users').update({ id: owner.id }, { disabled: false });
    }
  });

  it('refuses a token signed by someone else, or with alg none', async () => {
    const res = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, basic(app.client_id, app.client_secret!)).expect(200);
    const [header, payload] = res.body.access_token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${none}`).expect(401);
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(res.body.access_token).payload, scope: 'read write admin' })).toString('base64url')}.${res.body.access_token.split('.')[2]}`;
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${tampered}`).expect(401);
  });

  describe("API users (d.vinci's OAuth 2.0 API users)", () => {
    it('issue tokens with the username as client_id and the API token as client_secret, for their own TTL', async () => {
      const users = t.app.get(UsersService);
      const name = `jobboard-sync-${'x'.repeat(100)}`;
      const apiUser = await users.create({
        username: name,
        kind: 'api',
        roles: ['Consumer'],
        oauth2Enabled: true,
        accessTokenTtlMinutes: 15,
      });
      const secret = await users.issueApiToken(apiUser.id);
      const res = await form(t, '/oauth2/token', { grant_type: 'client_credentials', client_id: name, client_secret: secret }).expect(200);
      expect(res.body.expires_in).toBe(900);
      expect(decodeJwt(res.body.access_token).payload).toMatchObject({ sub: name, client_id: name });
      const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
      expect(me.body).toMatchObject({ username: name, kind: 'api', credential: 'client' });
    });

    it('are refused while OAuth 2.0 is off for them, and after a new API token replaced the old', async () => {
      const users = t.app.get(UsersService);
      const apiUser = await users.create({ username: 'nightly-export', kind: 'api', roles: ['Consumer'], oauth2Enabled: false });
      const secret = await users.issueApiToken(apiUser.id);
      const off = await form(t, '/oauth2/token', {
        grant_type: 'client_credentials',
        client_id: 'nightly-export',
        client_secret: secret,
      }).expect(401);
      expect(off.body).toEqual({ error: 'invalid_client', error_description: 'OAuth 2.0 is not enabled for this API user' });
      await t.dataSource.getRepository('users').update({ id: apiUser.id }, { oauth2Enabled: true });
      await form(t, '/oauth2/token', { grant_type: 'client_credentials', client_id: 'nightly-export', client_secret: secret }).expect(200);
      await users.issueApiToken(apiUser.id);
      await form(t, '/oauth2/token', { grant_type: 'client_credentials', client_id: 'nightly-export', client_secret: secret }).expect(401);
    });
  });

  it('is rate limited by the token policy', async () => {
    const limited = await startTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_TOKEN_PER_MINUTE: '2' });
    try {
      const person = await createPerson(limited, 'rate');
      const small = await registerApp(limited, person.cookie, { name: 'r', grant_types: ['client_credentials'] });
      const send = () => form(limited, '/oauth2/token', { grant_type: 'client_credentials' }, basic(small.client_id, small.client_secret!));
      await send().expect(200);
      await send().expect(200);
      const refused = await send().expect(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.body.error).toBe('too_many_requests');
    } finally {
      await limited.close();
    }
  });
});

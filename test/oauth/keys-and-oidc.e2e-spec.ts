import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { SigningKeysService } from '../../src/oauth/tokens/signing-keys.service';
import { startTestApp, TestApp } from '../support/test-app';
import { basic, createPerson, decodeJwt, form, registerApp } from './oauth-fixtures';

describe('signing keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TESSERA_SECRET: 'a-test-secret-of-some-length' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('encrypts the private key at rest with TESSERA_SECRET', async () => {
    const rows = await t.dataSource.query('SELECT private_key, encrypted FROM signing_keys');
    expect(rows).toHaveLength(1);
    expect(rows[0].private_key).toMatch(/^v1\./);
    expect(rows[0].private_key).not.toContain('PRIVATE KEY');
    expect(Number(rows[0].encrypted)).toBe(1);
  });

  it('rotates to a new key while tokens signed with the old one keep working', async () => {
    const person = await createPerson(t, 'kim');
    const app = await registerApp(t, person.cookie, { name: 'K', grant_types: ['client_credentials'] });
    const auth = basic(app.client_id, app.client_secret!);
    const before = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, auth).expect(200);
    const newKid = await t.app.get(SigningKeysService).rotate();
    const after = await form(t, '/oauth2/token', { grant_type: 'client_credentials' }, auth).expect(200);
    expect(decodeJwt(after.body.access_token).header.kid).toBe(newKid);
    expect(decodeJwt(before.body.access_token).header.kid).not.toBe(newKid);
    const jwks = await request(t.url).get('/oauth2/jwks').expect(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(
      expect.arrayContaining([newKid, decodeJwt(before.body.access_token).header.kid]),
    );
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${before.body.access_token}`).expect(200);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${after.body.access_token}`).expect(200);
  });
});

describe('revocation across instances', () => {
  it.each([
    ['by polling the revocation sequence', {}],
    ['through Redis pub/sub', { REDIS_URL: 'redis://127.0.0.1:6379' }],
  ])('reaches a second instance on the same database within a second, %s', async (_how, env: Record<string, string>) => {
    const a = await startTestApp({ ISSUER: 'https://tessera.example.com', ...env });
    const b = await startTestApp({ ISSUER: 'https://tessera.example.com', ...env }, { database: a.database });
    try {
      const person = await createPerson(a, 'ivy');
      const app = await registerApp(a, person.cookie, { name: 'I', grant_types: ['client_credentials'] });
      const auth = basic(app.client_id, app.client_secret!);
      const token = await form(a, '/oauth2/token', { grant_type: 'client_credentials' }, auth).expect(200);
      await request(b.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(200);
      await form(a, '/oauth2/revoke', { token: token.body.access_token }, auth).expect(200);
      // Both apps share this process's passport registry (the last started app's strategies serve
      // both), so only the other instance's view is checked here; test/cluster runs real processes.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await request(b.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(401);
      await request(a.url).get('/api/me').set('Authorization', `Bearer ${token.body.access_token}`).expect(401);
    } finally {
      await b.app.close();
      await a.close();
    }
  });
});

describe('OpenID Connect userinfo and logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers userinfo by scope, and refuses a token without openid', async () => {
    await createPerson(t, 'uma', { email: 'uma@example.com' });
    const withOpenid = await request(t.url)
      .post('/consumer/login')
      .send({ username: 'uma', password: 'uma-password-123', scope: 'openid email' })
      .expect(200);
    const info = await request(t.url).get('/oauth2/userinfo').set('Authorization', `Bearer ${withOpenid.body.token}`).expect(200);
    expect(info.body).toEqual({ sub: expect.any(String), email: 'uma@example.com' });
    const without = await request(t.url)
      .post('/consumer/login')
      .send({ username: 'uma', password: 'uma-password-123', scope: 'read' })
      .expect(200);
    const refused = await request(t.url).get('/oauth2/userinfo').set('Authorization', `Bearer ${without.body.token}`).expect(403);
    expect(refused.headers['www-authenticate']).toContain('insufficient_scope');
  });

  it('ends the session and returns only to a registered post_logout_redirect_uri', async () => {
    const person = await createPerson(t, 'leo');
    const app = await registerApp(t, person.cookie, {
      name: 'L',
      redirect_uris: [],
      post_logout_redirect_uris: ['https://rp.example.com/bye'],
    });
    const bad = await request(t.url)
      .get('/oauth2/logout')
      .query({ client_id: app.client_id, post_logout_redirect_uri: 'https://evil.example.com/' })
      .expect(400);
    expect(bad.headers.location).toBeUndefined();
    // Without an id_token_hint naming the person, Tessera asks first (issue 11); the page's form confirms.
    const page = await request(t.url)
      .get('/oauth2/logout')
      .set('Cookie', person.cookie)
      .query({ client_id: app.client_id, post_logout_redirect_uri: 'https://rp.example.com/bye', state: 'k' })
      .expect(200);
    const fields = Object.fromEntries(
      [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    const res = await request(t.url)
      .post('/oauth2/logout')
      .set('Cookie', person.cookie)
      .set('Origin', t.url)
      .type('form')
      .send(fields)
      .expect(302);
    expect(res.headers.location).toBe('https://rp.example.com/bye?state=k');
    await request(t.url).get('/api/me').set(consoleHeaders(t, person.cookie)).expect(401);
  });
});

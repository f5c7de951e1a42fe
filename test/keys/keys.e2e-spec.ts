import request from 'supertest';
import { UsersService } from '../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

const basic = (userId: string, password: string) => `Basic ${Buffer.from(`${userId}:${password}`).toString('base64')}`;

describe('personal API keys (/api/keys)', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(UsersService).create({ username: 'dana', password: 'dana-password-123', roles: ['Consumer'] });
    cookie = await sessionCookieFor(t, 'dana');
  });
  afterAll(async () => {
    await t.close();
  });

  const createKey = (body: object) => request(t.url).post('/api/keys').set(consoleHeaders(t, cookie)).send(body);

  it('creates a key, shows it once, and lists it without the key', async () => {
    const created = await createKey({ name: 'Excel' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Excel', type: 'api_key', scopes: ['read'], expires_at: null, last_used_at: null });
    expect(created.body.key).toMatch(/^tsk_[A-Za-z0-9_-]{43}$/);
    const listed = await request(t.url).get('/api/keys').set(consoleHeaders(t, cookie)).expect(200);
    const entry = listed.body.find((k: { id: string }) => k.id === created.body.id);
    expect(entry).toBeDefined();
    expect(entry.key).toBeUndefined();
    expect(JSON.stringify(await t.dataSource.query('SELECT * FROM api_keys'))).not.toContain(created.body.key);
  });

  it('refuses an API key with a scope a read-only key cannot use, naming it', async () => {
    await t.app.get(UsersService).create({ username: 'wren', password: 'wren-password-12345', roles: ['Administrator'] });
    const refused = await request(t.url)
      .post('/api/keys')
      .set(consoleHeaders(t, await sessionCookieFor(t, 'wren')))
      .send({ name: 'Writer', type: 'api_key', scopes: ['read', 'write'] })
      .expect(400);
    expect(refused.body).toMatchObject({
      error: 'invalid_scope',
      message: 'An API key is read-only and cannot hold write; create a personal access token for it',
      target: 'scopes',
    });
  });

  it.each([
    ['Basic ":key" (dRofus)', (key: string) => basic('', key)],
    ['Basic "apikey:key"', (key: string) => basic('apikey', key)],
    ['Basic "key:"', (key: string) => basic(key, '')],
    ['Reference key', (key: string) => `Reference ${key}`],
  ])('authenticates with %s as a read-only principal', async (_form, header) => {
    const { body } = await createKey({ name: 'form' }).expect(201);
    const me = await request(t.url).get('/api/me').set('Authorization', header(body.key)).expect(200);
    expect(me.body).toMatchObject({ username: 'dana', credential: 'api-key', scopes: ['read'] });
    const write = await request(t.url).post('/api/keys').set('Authorization', header(body.key)).send({ name: 'x' }).expect(403);
    expect(write.body.message).toMatch(/read-only/);
  });

  it('records when a key was last used', async () => {
    const { body } = await createKey({ name: 'used' }).expect(201);
    await request(t.url).get('/api/me').set('Authorization', basic('', body.key)).expect(200);
    const listed = await request(t.url).get('/api/keys').set(consoleHeaders(t, cookie)).expect(200);
    expect(listed.body.find((k: { id: string }) => k.id === body.id).last_used_at).not.toBeNull();
  });

  it('stops accepting a key the moment it is revoked', async () => {
    const { body } = await createKey({ name: 'short-lived' }).expect(201);
    await request(t.url).get('/api/me').set('Authorization', basic('', body.key)).expect(200);
    await request(t.url).delete(`/api/keys/${body.id}`).set(consoleHeaders(t, cookie)).expect(204);
    const res = await request(t.url).get('/api/me').set('Authorization', basic('', body.key)).expect(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('issues personal access tokens that work as Bearer tokens and may write', async () => {
    const { body } = await createKey({ name: 'ci', type: 'personal_token', scopes: ['read'] }).expect(201);
    expect(body.key).toMatch(/^tpat_/);
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${body.key}`).expect(200);
    expect(me.body.credential).toBe('user');
  });

  it('refuses scopes the person does not hold, and bad input, with field errors', async () => {
    const beyond = await createKey({ name: 'too much', scopes: ['admin'] }).expect(400);
    expect(beyond.body.message).toMatch(/do not hold: admin/);
    const bad = await createKey({ name: '', scopes: ['nope'], expires_at: 'tomorrow' }).expect(400);
    expect(bad.body.message).toMatch(/name/);
    expect(bad.body.message).toMatch(/each scope must be one of/);
    expect(bad.body.message).toMatch(/expires_at must be an ISO 8601 date-time/);
  });

  it('refuses an expired key', async () => {
    const { body } = await createKey({ name: 'soon', expires_at: new Date(Date.now() + 1500).toISOString() }).expect(201);
    await request(t.url).get('/api/me').set('Authorization', basic('', body.key)).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await request(t.url).get('/api/me').set('Authorization', basic('', body.key)).expect(401);
  });

  it('refuses an unknown key and a malformed Basic header', async () => {
    await request(t.url)
      .get('/api/me')
      .set('Authorization', basic('', `tsk_${'A'.repeat(43)}`))
      .expect(401);
    await request(t.url).get('/api/me').set('Authorization', 'Basic !!!').expect(401);
  });
});

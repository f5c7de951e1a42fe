import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';

describe('first start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates the administrator with the Administrator role and full access', async () => {
    const cookie = await sessionCookieFor(t, ADMIN.username);
    const res = await request(t.url).get('/api/me').set(consoleHeaders(t, cookie)).expect(200);
    expect(res.body).toMatchObject({ username: 'admin', kind: 'person', roles: ['Administrator'], full_access: true });
    expect(res.body.scopes).toEqual(expect.arrayContaining(['read', 'write', 'admin', 'api-users:edit']));
  });

  it('ships the Administrator and Consumer roles, Consumer being the default', async () => {
    const roles = await t.dataSource.query('SELECT name, scopes, is_default FROM roles ORDER BY name');
    expect(roles.map((r: { name: string }) => r.name)).toEqual(['Administrator', 'Consumer']);
    const consumer = roles.find((r: { name: string }) => r.name === 'Consumer');
    expect(consumer.scopes).toBe('read account openid profile email');
    expect(Number(consumer.is_default)).toBe(1);
  });

  it('stores the administrator password as an argon2id hash, never in plaintext', async () => {
    const [row] = await t.dataSource.query('SELECT password_hash FROM users WHERE username = ?', [ADMIN.username]);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const dump = JSON.stringify(await t.dataSource.query('SELECT * FROM users'));
    expect(dump).not.toContain(ADMIN.password);
  });

  it('does not create a second administrator on the next start over the same database', async () => {
    const [{ count }] = await t.dataSource.query('SELECT COUNT(*) AS count FROM users');
    expect(Number(count)).toBe(1);
  });
});

describe('first start without ADMIN_PASSWORD', () => {
  it('generates a password, prints it once to stderr, and it works', async () => {
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let t: TestApp | undefined;
    try {
      t = await startTestApp({ ADMIN_PASSWORD: '' });
    } finally {
      process.stderr.write = original;
    }
    try {
      const printed = written.join('').match(/with the password:\s+(\S+)/);
      expect(printed).not.toBeNull();
      const password = printed![1];
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(t.logs.join('')).not.toContain(password);
      const { UsersService } = await import('../../src/users/users.service');
      expect(await t.app.get(UsersService).verifyPassword('admin', password)).not.toBeNull();
    } finally {
      await t.close();
    }
  });
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { ensureBuilt } from '../support/built-tessera';
import { decodeJwt } from '../oauth/oauth-fixtures';
import { tesseraCli } from '../support/tessera-cli';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const waitUntil = async (check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  for (const until = Date.now() + timeoutMs; Date.now() < until;) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return check();
};

describe('npx tessera keys:rotate', () => {
  let t: TestApp;
  const TTL = '30';
  beforeAll(async () => {
    ensureBuilt();
    t = await startTestApp({ ACCESS_TOKEN_TTL: TTL });
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  const tokenNow = async () => (await request(t.url).post('/consumer/login').send(ADMIN).expect(200)).body.token as string;
  const kidOf = (token: string) => decodeJwt(token).header.kid as string;
  const published = async () =>
    ((await request(t.url).get('/oauth2/jwks').expect(200)).body.keys as { kid: string }[]).map((key) => key.kid);

  it('signs with a new key; the old one verifies its tokens until they expire, then leaves JWKS', async () => {
    const before = await tokenNow();
    const oldKid = kidOf(before);

    const run = await tesseraCli(['keys:rotate'], { DATABASE_URL: t.database.url, ACCESS_TOKEN_TTL: TTL });
    expect(run.code).toBe(0);
    const newKid = run.stdout.trim();
    expect(newKid).not.toBe(oldKid);
    expect(run.stderr).toMatch(
      new RegExp(
        `^Tokens are now signed with ${newKid}; the previous key verifies its tokens until \\S+ \\(their lifetime: 30 s\\), then retires\\n$`,
      ),
    );

    // The running server rereads the keys within 10 s (KEY_REFRESH_MS): then it signs with the new one.
    expect(await waitUntil(async () => kidOf(await tokenNow()) === newKid, 15_000)).toBe(true);
    expect(await published()).toEqual(expect.arrayContaining([oldKid, newKid]));
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${before}`).expect(200);

    // 10 s (every instance has the new key) + 30 s (the last old token has expired): the old key retires.
    expect(await waitUntil(async () => !(await published()).includes(oldKid), 60_000)).toBe(true);
    expect(await published()).toEqual([newKid]);
  }, 120_000);
});

describe('npx tessera migrate, migrate:revert, seed', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const names = MIGRATIONS.map((migration) => migration.name);
  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
  }, 300_000);
  afterAll(async () => {
    await database.drop();
  });

  it('migrate applies every migration on an empty database, then has nothing to do', async () => {
    expect(await tesseraCli(['migrate'], env)).toMatchObject({ code: 0, stdout: names.map((name) => `applied ${name}\n`).join('') });
    expect(await tesseraCli(['migrate'], env)).toMatchObject({ code: 0, stdout: '', stderr: 'The database is up to date\n' });
  });

  it('migrate:revert undoes the most recent one, and migrate applies it again', async () => {
    expect(await tesseraCli(['migrate:revert'], env)).toMatchObject({ code: 0, stdout: `reverted ${names.at(-1)}\n` });
    expect(await tesseraCli(['migrate'], env)).toMatchObject({ code: 0, stdout: `applied ${names.at(-1)}\n` });
  });

  it('seed adds a database of generated rows', async () => {
    const run = await tesseraCli(['seed', '--database', 'trial', '--rooms', '50', '--name', 'Trial'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Seeded database "trial": 50 rooms, 5 items, 50 occurrences in [\d.]+ s\n$/);
    const t = await startTestApp({}, { database: { ...database, drop: async () => undefined } });
    try {
      const counts = await (t.dataSource as DataSource).query('SELECT COUNT(*) AS n FROM rooms WHERE database_id = ?', ['trial']);
      expect(Number(counts[0].n)).toBe(50);
    } finally {
      await t.close();
    }
  });

  it('seed refuses a count that is not a positive whole number, in one line', async () => {
    const run = await tesseraCli(['seed', '--rooms', 'lots'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: option '--rooms <count>' argument 'lots' is invalid. must be a positive whole number\n");
  });
});

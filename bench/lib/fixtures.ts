import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import type * as CreateApp from '../../src/bootstrap/create-app';
import type * as LoadConfig from '../../src/config/load-config';
import type * as ResourceSeederModule from '../../src/resources/seeds/resource-seeder';
import type * as KeysServiceModule from '../../src/keys/keys.service';
import type * as UsersServiceModule from '../../src/users/users.service';
import type * as RoleChangesModule from '../../src/cli/role-changes';
import { ADMIN, BENCH_USER, DATA_DIR, DATABASE_ID, ROOT } from './settings';

/** The credentials the scenarios use, made in the database before any server starts. */
export interface Fixture {
  databaseUrl: string;
  userId: string;
  apiKey: string;
  personalToken: string;
  rooms: number;
}

/** The built application's own modules (dist/), so fixtures go through exactly the production code. */
function dist<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(ROOT, 'dist', path)) as T;
}

/** Tessera's environment for a benchmark server on this database. */
/** The audit stream of a bench run (a line per issued token: millions in a run), emptied at each start. */
const AUDIT_STREAM = join(DATA_DIR, 'audit.jsonl');

export function tesseraEnv(databaseUrl: string): Record<string, string> {
  rmSync(AUDIT_STREAM, { force: true });
  return {
    AUDIT_STREAM,
    DATABASE_URL: databaseUrl,
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    TESSERA_SECRET: 'bench-secret-0123456789abcdef',
  };
}

/**
 * Runs the migrations, seeds `rooms` rooms into database "bench" (kept between runs when the count
 * already matches: a million rows take ~35 s), and creates the bench user with a fresh API key
 * and personal access token. The bench user is an Administrator who signs in with a password
 * (/consumer/login, scenario 9), so the shipped two-factor requirement of Administrator is lifted
 * first, as an operator would (`tessera role:update Administrator --two-factor optional`).
 */
export async function prepareDatabase(databaseUrl: string, rooms: number): Promise<Fixture> {
  if (databaseUrl.startsWith('mysql://')) await ensureMysqlSchema(databaseUrl);
  let app = await openApp(databaseUrl);
  try {
    const seeded = await roomCount(app.get(DataSource));
    if (seeded !== rooms && seeded !== 0) {
      // A different size: start from an empty database (the seeder numbers rows from MAX(id) + 1).
      await app.close();
      await dropDatabase(databaseUrl);
      app = await openApp(databaseUrl);
    }
    if (seeded !== rooms) await seedRooms(app.get(DataSource), rooms);
    const { RoleChanges } = dist<typeof RoleChangesModule>('cli/role-changes');
    await new RoleChanges(app).update('Administrator', { two_factor_required: false });
    const { UsersService } = dist<typeof UsersServiceModule>('users/users.service');
    const { KeysService } = dist<typeof KeysServiceModule>('keys/keys.service');
    const users = app.get(UsersService);
    const user =
      (await users.findByUsername(BENCH_USER.username)) ??
      (await users.create({ ...BENCH_USER, roles: ['Administrator'], fullAccess: true }));
    const keys = app.get(KeysService);
    const apiKey = await keys.create(user.id, { name: 'bench api key', kind: 'api_key', scopes: ['read'], expiresAt: null });
    const token = await keys.create(user.id, { name: 'bench token', kind: 'personal_token', scopes: ['read', 'write'], expiresAt: null });
    return { databaseUrl, userId: user.id, apiKey: apiKey.secret, personalToken: token.secret, rooms };
  } finally {
    await app.close();
  }
}

async function openApp(databaseUrl: string) {
  const { createApp } = dist<typeof CreateApp>('bootstrap/create-app');
  const { loadConfig } = dist<typeof LoadConfig>('config/load-config');
  const app = await createApp(loadConfig({ ...tesseraEnv(databaseUrl), PORT: '0' }));
  await app.init();
  return app;
}

/** The rooms seeded, or -1 when the occurrences do not match them (a database of an older bench: seed again). */
async function roomCount(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT COUNT(*) AS count FROM rooms WHERE database_id = '${DATABASE_ID}'`);
  const [{ occurrences }] = await dataSource.query(`SELECT COUNT(*) AS occurrences FROM occurrences WHERE database_id = '${DATABASE_ID}'`);
  return Number(occurrences) === Number(count) ? Number(count) : Number(count) === 0 ? 0 : -1;
}

async function seedRooms(dataSource: DataSource, rooms: number): Promise<void> {
  const started = Date.now();
  const { ResourceSeeder } = dist<typeof ResourceSeederModule>('resources/seeds/resource-seeder');
  // One occurrence per room on average (issue 12: a page expanded with its occurrences).
  await new ResourceSeeder(dataSource).seed(DATABASE_ID, 'Benchmark', { rooms, items: 100, occurrences: rooms });
  console.log(`  seeded ${rooms} rooms in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  if (!databaseUrl.startsWith('mysql://')) {
    const path = databaseUrl.replace(/^(sqlite|file):(\/\/)?/, '');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return;
  }
  const url = new URL(databaseUrl);
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await connection.query(`DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``);
  await connection.end();
  await ensureMysqlSchema(databaseUrl);
}

async function ensureMysqlSchema(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const schema = url.pathname.slice(1);
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await connection.query(`CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await connection.end();
}

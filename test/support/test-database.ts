import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A fresh, empty database for one test app. With DATABASE_URL=mysql://… (MariaDB/MySQL) each
 * app gets its own new schema on that server, dropped afterwards; otherwise a new SQLite file.
 */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export function serverUnderTest(): string | null {
  const url = process.env.DATABASE_URL;
  return url && /^(mysql|mariadb):\/\//.test(url) ? url.replace(/^mariadb:/, 'mysql:') : null;
}

export async function createTestDatabase(server: string | null = serverUnderTest()): Promise<TestDatabase> {
  if (!server) return sqliteDatabase();
  const schema = `tessera_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const base = new URL(server);
  const admin = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`CREATE DATABASE \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  base.pathname = `/${schema}`;
  return {
    url: base.toString(),
    kind: 'mysql',
    drop: async () => {
      const connection = await createConnection({
        host: base.hostname,
        port: Number(base.port || 3306),
        user: decodeURIComponent(base.username),
        password: decodeURIComponent(base.password),
      });
      await connection.query(`DROP DATABASE IF EXISTS \`${schema}\``);
      await connection.end();
    },
  };
}

function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  return { url: `sqlite:${join(dir, 'tessera.sqlite')}`, kind: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

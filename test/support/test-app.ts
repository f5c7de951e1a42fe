import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuditStream } from '../../src/audit/audit-stream';
import { createApp } from '../../src/bootstrap/create-app';
import { RoleChanges } from '../../src/cli/role-changes';
import { loadConfig } from '../../src/config/load-config';
import type { TesseraConfig } from '../../src/config/tessera-config';
import { freePort } from './free-port';
import { createTestDatabase, TestDatabase } from './test-database';
import { ADMINISTRATOR_ROLE } from '../../src/users/roles.service';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export interface TestApp {
  app: NestFastifyApplication;
  /** The base URL the app listens on, e.g. http://127.0.0.1:41234 (also its ISSUER). */
  url: string;
  config: TesseraConfig;
  dataSource: DataSource;
  database: TestDatabase;
  /** Every log line the app wrote, as text. */
  logs: string[];
  /** The audit stream's lines so far (issue 16: one per issued token), flushed first. */
  auditStream(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * Starts the real application on a real port and a fresh database (SQLite, or a new MariaDB
 * schema when DATABASE_URL=mysql://…), exactly as `main.ts` does, with test-friendly defaults.
 */
export interface TestAppOptions {
  /** Use this database instead of a new one (it is still dropped on close). */
  database?: TestDatabase;
  /** Connect through another URL to the same database (e.g. a TCP proxy in front of it). */
  databaseUrl?: string;
  /** Runs on the built app before it listens (e.g. to add a Fastify `onRoute` hook). */
  beforeListen?: (app: NestFastifyApplication) => void;
  /**
   * Keep Administrator's two-factor requirement as shipped (the two-factor specs). Otherwise the
   * harness lifts it as an operator would (`tessera role:update Administrator --two-factor
   * optional`, the same RoleChanges), so the other specs can sign the administrator in with its
   * password alone.
   */
  twoFactorAsShipped?: boolean;
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl ?? database.url,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO: 'false',
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'info',
    AUDIT_STREAM: join(tmpdir(), `tessera-audit-${process.pid}-${port}.jsonl`),
    ...env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write: (chunk, _enc, done) => {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await createApp(config, { logStream });
  options.beforeListen?.(app);
  await app.listen({ port, host: '127.0.0.1' });
  if (!options.twoFactorAsShipped) await liftAdministratorTwoFactor(app);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    dataSource: app.get(DataSource),
    database,
    logs,
    auditStream: async () => {
      await app.get(AuditStream).flush();
      const text = await readFile(config.auditStream, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** What `tessera role:update Administrator --two-factor optional` does, on the app's own services. */
export async function liftAdministratorTwoFactor(app: NestFastifyApplication): Promise<void> {
  await new RoleChanges(app).update(ADMINISTRATOR_ROLE, { two_factor_required: false });
}

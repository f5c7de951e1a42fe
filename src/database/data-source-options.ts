import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/tessera-config';
import { MIGRATIONS } from './migrations';

type SqliteHandle = { pragma(source: string): unknown };

/**
 * TypeORM options for the configured database. Migrations run at start; `synchronize` is never
 * used. Entities are not listed here: each module registers its own (`TypeOrmModule.forFeature`)
 * and the data source loads what was registered, so this lowest layer names no module above it.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (database.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: database.url,
      timezone: 'Z',
      charset: 'utf8mb4_bin',
      // Prepared statements are cached per connection (PreparedSql); evicted ones are closed, so
      // 20 × 200 stays far below the server's max_prepared_stmt_count (16,382 by default).
      extra: { connectionLimit: 20, enableKeepAlive: true, maxPreparedStatements: 200 },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: database.path !== ':memory:',
    prepareDatabase: (db: SqliteHandle) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}

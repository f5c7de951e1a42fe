import type { DataSource } from 'typeorm';

interface SqliteStatement {
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): unknown;
}

interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
}

interface MysqlPool {
  query(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
  execute(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Hot-path SQL below TypeORM (docs/decisions.md, "Hot paths use prepared SQL"): on SQLite a
 * better-sqlite3 statement prepared once per SQL text; on MySQL/MariaDB the data source's own
 * mysql2 pool (prepared `execute` for writes, `query` for reads, as TypeORM reads). Same
 * connection, pool and settings as TypeORM, without its per-call query-runner and builder work.
 * Values are always parameters; dates go in as `YYYY-MM-DD HH:MM:SS.sss` UTC, as TypeORM writes them.
 */
export class PreparedSql {
  private static readonly instances = new WeakMap<DataSource, PreparedSql>();
  private readonly statements = new Map<string, SqliteStatement>();

  private constructor(private readonly dataSource: DataSource) {}

  static of(dataSource: DataSource): PreparedSql {
    let instance = PreparedSql.instances.get(dataSource);
    if (!instance) {
      instance = new PreparedSql(dataSource);
      PreparedSql.instances.set(dataSource, instance);
    }
    return instance;
  }

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /** Rows of a SELECT. */
  async all<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]> {
    this.dataSource.logger.logQuery(sql, params as unknown[]);
    try {
      if (this.isSqlite) return this.statement(sql).all(...params) as T[];
      return await this.onPool<T[]>('query', sql, params);
    } catch (error) {
      throw this.logged(error, sql, params);
    }
  }

  /** An INSERT, UPDATE or DELETE. */
  async run(sql: string, params: readonly unknown[]): Promise<void> {
    this.dataSource.logger.logQuery(sql, params as unknown[]);
    try {
      if (this.isSqlite) this.statement(sql).run(...params);
      else await this.onPool('execute', sql, params);
    } catch (error) {
      throw this.logged(error, sql, params);
    }
  }

  /** TypeORM's `logging` option and logger see these queries and their errors as they see their own. */
  private logged(error: unknown, sql: string, params: readonly unknown[]): unknown {
    this.dataSource.logger.logQueryError(error instanceof Error ? error : String(error), sql, params as unknown[]);
    return error;
  }

  private statement(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const handle = (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
      statement = handle.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private onPool<T>(method: 'query' | 'execute', sql: string, params: readonly unknown[]): Promise<T> {
    const pool = (this.dataSource.driver as unknown as { pool: MysqlPool }).pool;
    return new Promise((resolve, reject) => pool[method](sql, [...params], (error, rows) => (error ? reject(error) : resolve(rows as T))));
  }
}

/** A date as TypeORM stores a `datetime(3)` column on both databases: `YYYY-MM-DD HH:MM:SS.sss` UTC. */
export function sqlTimestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

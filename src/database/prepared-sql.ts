import type { DataSource } from 'typeorm';

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  raw(toggle: boolean): SqliteStatement;
}

interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
  transaction(work: () => void): () => void;
}

interface PendingWrite {
  statement: SqliteStatement;
  params: readonly unknown[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

type MysqlSql = string | { sql: string; rowsAsArray: boolean };

interface MysqlConnection {
  query(sql: string, params: unknown[], callback: (error: Error | null, result: unknown) => void): void;
  release(): void;
}

interface MysqlPool {
  query(sql: MysqlSql, params: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
  execute(sql: MysqlSql, params: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
  getConnection(callback: (error: Error | null, connection: MysqlConnection) => void): void;
}

/** One statement of a transaction; when `required`, changing no row rolls the whole transaction back (NoRowChanged). */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly required?: boolean;
}

/** A required statement of a transaction changed no row; the transaction was rolled back. */
export class NoRowChanged extends Error {
  constructor(readonly index: number) {
    super(`statement ${index} of the transaction changed no row`);
  }
}

/** What a statement of a transaction did: rows changed and, for an INSERT, the new id. */
export interface StatementResult {
  readonly changes: number;
  readonly insertId: number;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Hot-path SQL below TypeORM (docs/decisions.md, "Hot paths use prepared SQL"): on SQLite a
 * better-sqlite3 statement prepared once per SQL text; on MySQL/MariaDB the data source's own
 * mysql2 pool: prepared `execute` for writes and for rows read as arrays (the binary protocol:
 * no SQL parsing on the server per request, no number parsing from text here), `query` for the
 * few object reads, as TypeORM reads. Same connection, pool and settings as TypeORM, without its
 * per-call query-runner and builder work.
 * Values are always parameters; dates go in as `YYYY-MM-DD HH:MM:SS.sss` UTC, as TypeORM writes them.
 */
export class PreparedSql {
  private static readonly instances = new WeakMap<DataSource, PreparedSql>();
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly rawStatements = new Map<string, SqliteStatement>();
  private pending: PendingWrite[] = [];

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

  /** Rows of a SELECT as arrays of column values, in the select list's order (no row objects). */
  async rows(sql: string, params: readonly unknown[]): Promise<unknown[][]> {
    this.dataSource.logger.logQuery(sql, params as unknown[]);
    try {
      if (this.isSqlite) return this.statement(sql, this.rawStatements).all(...params) as unknown[][];
      return await this.onPool<unknown[][]>('execute', { sql, rowsAsArray: true }, params);
    } catch (error) {
      throw this.logged(error, sql, params);
    }
  }

  /**
   * An INSERT, UPDATE or DELETE; resolves once it is committed. On SQLite the writes queued in the
   * same turn of the event loop commit together in one transaction (group commit: one WAL append
   * for a token row and its audit row, and for concurrent token requests); each write still fails
   * on its own.
   */
  async run(sql: string, params: readonly unknown[]): Promise<void> {
    this.dataSource.logger.logQuery(sql, params as unknown[]);
    try {
      if (this.isSqlite) await this.queue(this.statement(sql), params);
      else await this.onPool('execute', sql, params);
    } catch (error) {
      throw this.logged(error, sql, params);
    }
  }

  /**
   * Runs the statements in order in one transaction, all or nothing. On SQLite they run
   * synchronously inside one better-sqlite3 transaction (nothing else runs on the connection
   * meanwhile); on MySQL on one pooled connection between BEGIN and COMMIT.
   */
  async transaction(statements: readonly Statement[]): Promise<StatementResult[]> {
    for (const statement of statements) this.dataSource.logger.logQuery(statement.sql, statement.params as unknown[]);
    if (this.isSqlite) {
      const handle = (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
      let results: StatementResult[] = [];
      handle.transaction(() => {
        results = statements.map((s, index) => {
          const result = this.statement(s.sql).run(...s.params);
          if (s.required && result.changes === 0) throw new NoRowChanged(index);
          return { changes: result.changes, insertId: Number(result.lastInsertRowid) };
        });
      })();
      return results;
    }
    return this.mysqlTransaction(statements);
  }

  private async mysqlTransaction(statements: readonly Statement[]): Promise<StatementResult[]> {
    const pool = (this.dataSource.driver as unknown as { pool: MysqlPool }).pool;
    const connection = await new Promise<MysqlConnection>((resolve, reject) =>
      pool.getConnection((error, c) => (error ? reject(error) : resolve(c))),
    );
    const run = (sql: string, params: readonly unknown[]) =>
      new Promise<{ affectedRows?: number; insertId?: number }>((resolve, reject) =>
        connection.query(sql, [...params], (error, result) =>
          error ? reject(error) : resolve(result as { affectedRows?: number; insertId?: number }),
        ),
      );
    try {
      await run('START TRANSACTION', []);
      const results: StatementResult[] = [];
      for (const [index, s] of statements.entries()) {
        const result = await run(s.sql, s.params);
        if (s.required && !result.affectedRows) throw new NoRowChanged(index);
        results.push({ changes: result.affectedRows ?? 0, insertId: Number(result.insertId ?? 0) });
      }
      await run('COMMIT', []);
      return results;
    } catch (error) {
      await run('ROLLBACK', []).catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  private queue(statement: SqliteStatement, params: readonly unknown[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ statement, params, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const writes = this.pending;
    this.pending = [];
    const failures = new Map<PendingWrite, unknown>();
    const handle = (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
    try {
      handle.transaction(() => {
        for (const write of writes) {
          try {
            write.statement.run(...write.params);
          } catch (error) {
            failures.set(write, error);
          }
        }
      })();
    } catch (error) {
      for (const write of writes) write.reject(error);
      return;
    }
    for (const write of writes) {
      if (failures.has(write)) write.reject(failures.get(write));
      else write.resolve();
    }
  }

  /** TypeORM's `logging` option and logger see these queries and their errors as they see their own. */
  private logged(error: unknown, sql: string, params: readonly unknown[]): unknown {
    this.dataSource.logger.logQueryError(error instanceof Error ? error : String(error), sql, params as unknown[]);
    return error;
  }

  /** The statement prepared for this SQL text; from `rawStatements`, one that returns arrays. */
  private statement(sql: string, cache = this.statements): SqliteStatement {
    let statement = cache.get(sql);
    if (!statement) {
      const handle = (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
      statement = handle.prepare(sql);
      if (cache === this.rawStatements) statement.raw(true);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    return statement;
  }

  private onPool<T>(method: 'query' | 'execute', sql: MysqlSql, params: readonly unknown[]): Promise<T> {
    const pool = (this.dataSource.driver as unknown as { pool: MysqlPool }).pool;
    return new Promise((resolve, reject) => pool[method](sql, [...params], (error, rows) => (error ? reject(error) : resolve(rows as T))));
  }
}

/** A date as TypeORM stores a `datetime(3)` column on both databases: `YYYY-MM-DD HH:MM:SS.sss` UTC. */
export function sqlTimestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

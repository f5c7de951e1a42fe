import { DataSource, QueryRunner } from 'typeorm';
import { sqlTimestamp } from '../../database/prepared-sql';
import { itemAt, occurrenceAt, roomAt } from './demo-rows';

export interface SeedSize {
  rooms: number;
  items: number;
  occurrences: number;
}

const BATCH_ROWS = 500;

interface SqliteHandle {
  prepare(sql: string): { run(...values: unknown[]): unknown };
}

function sqliteHandle(runner: QueryRunner): SqliteHandle | null {
  if (runner.connection.options.type !== 'better-sqlite3') return null;
  return (runner.connection.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
}

/**
 * Writes a database's rooms, items and occurrences in multi-row parameterized INSERTs inside
 * one transaction, so a million rooms take seconds on SQLite and MySQL alike.
 */
export class ResourceSeeder {
  constructor(private readonly dataSource: DataSource) {}

  async seed(databaseId: string, name: string, size: SeedSize, isPublic = false): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const runner = manager.queryRunner!;
      await this.ensureDatabase(runner, databaseId, name, isPublic);
      const firstRoomId = await this.insertRows(runner, 'rooms', size.rooms, (i) => ({
        database_id: databaseId,
        ...roomAt(databaseId, i),
      }));
      const firstItemId = await this.insertRows(runner, 'items', size.items, (i) => ({
        database_id: databaseId,
        ...itemAt(databaseId, i),
      }));
      await this.insertRows(runner, 'occurrences', size.occurrences, (i) => {
        const row = occurrenceAt(databaseId, i, size.rooms, size.items);
        return {
          database_id: databaseId,
          room_id: firstRoomId + row.room_index,
          item_id: firstItemId + row.item_index,
          quantity: row.quantity,
          note: row.note,
        };
      });
    });
  }

  /** Plain statements: the seeder also runs on a bare data source (the CLI's `seed`), which knows no entities. */
  private async ensureDatabase(runner: QueryRunner, id: string, name: string, isPublic: boolean): Promise<void> {
    const [found] = await runner.query('SELECT COUNT(*) AS n FROM project_databases WHERE id = ?', [id]);
    if (Number(found.n) > 0) return;
    await runner.query('INSERT INTO project_databases (id, name, public, created_at) VALUES (?, ?, ?, ?)', [
      id,
      name,
      isPublic ? 1 : 0,
      sqlTimestamp(new Date()),
    ]);
  }

  /** Inserts `count` rows and returns the id of the first (ids are consecutive within the transaction). */
  private async insertRows(
    runner: QueryRunner,
    table: string,
    count: number,
    rowAt: (i: number) => Record<string, unknown>,
  ): Promise<number> {
    const before = await this.maxId(runner, table);
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const sqlite = sqliteHandle(runner);
    for (let start = 0; start < count; start += BATCH_ROWS) {
      const rows = [];
      for (let i = start; i < Math.min(count, start + BATCH_ROWS); i++) rows.push({ ...rowAt(i), updated_at: now });
      if (sqlite) this.insertPrepared(sqlite, runner, table, rows);
      else await runner.query(...this.multiRowInsert(runner, table, rows));
    }
    return before + 1;
  }

  /** SQLite: one prepared single-row INSERT run per row is its fastest bulk path (inside the open transaction). */
  private insertPrepared(db: SqliteHandle, runner: QueryRunner, table: string, rows: Record<string, unknown>[]): void {
    const columns = Object.keys(rows[0]);
    const escape = (name: string) => runner.connection.driver.escape(name);
    const statement = db.prepare(
      `INSERT INTO ${escape(table)} (${columns.map(escape).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    for (const row of rows) statement.run(...columns.map((column) => row[column]));
  }

  /** `INSERT INTO t (a, b) VALUES (?, ?), (?, ?)`: one round trip per batch on MySQL. */
  private multiRowInsert(runner: QueryRunner, table: string, rows: Record<string, unknown>[]): [string, unknown[]] {
    const columns = Object.keys(rows[0]);
    const escape = (name: string) => runner.connection.driver.escape(name);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO ${escape(table)} (${columns.map(escape).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
    return [sql, rows.flatMap((row) => columns.map((column) => row[column]))];
  }

  private async maxId(runner: QueryRunner, table: string): Promise<number> {
    const row = await runner.manager
      .createQueryBuilder()
      .select('MAX(t.id)', 'max')
      .from(table, 't')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }
}

import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { PreparedSql } from '../../database/prepared-sql';
import { QueryEngine } from '../query.engine';
import { storageDate } from '../sql/sql-dialect';

const SWEEP_EVERY_MS = 3_600_000;

/**
 * Forgets tombstones older than DELTA_RETENTION_DAYS, hourly. Before deleting, it raises each
 * database's `swept_through` to the newest change number swept, so a delta link from before it
 * answers 410 instead of silently missing a deletion.
 */
@Injectable()
export class TombstoneSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly sql: PreparedSql;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    dataSource: DataSource,
    private readonly engine: QueryEngine,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {
    this.sql = PreparedSql.of(dataSource);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Sweeps tombstones deleted before `now` minus the retention; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const q = this.engine.dialect.quote;
    const before = storageDate(new Date(now.getTime() - this.config.delta.retentionDays * 86_400_000));
    const newest = await this.sql.all<{ db: string; n: number | string }>(
      `SELECT ${q('database_id')} AS db, MAX(${q('change_number')}) AS n FROM ${q('resource_tombstones')} WHERE ${q('deleted_at')} < ? GROUP BY ${q('database_id')}`,
      [before],
    );
    let swept = 0;
    for (const { db, n } of newest) {
      const [, deleted] = await this.sql.transaction([
        {
          sql: `UPDATE ${q('change_counters')} SET ${q('swept_through')} = ? WHERE ${q('database_id')} = ? AND ${q('swept_through')} < ?`,
          params: [Number(n), db, Number(n)],
        },
        {
          sql: `DELETE FROM ${q('resource_tombstones')} WHERE ${q('database_id')} = ? AND ${q('change_number')} <= ?`,
          params: [db, Number(n)],
        },
      ]);
      swept += deleted.changes;
    }
    return swept;
  }
}

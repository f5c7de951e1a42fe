import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { PreparedSql } from '../../database/prepared-sql';
import type { QueryOptions } from '../odata/query-options';
import { QueryEngine } from '../query.engine';
import type { EntitySetDefinition } from '../sets/entity-set';
import { compileFilter } from '../sql/filter.compiler';
import type { RawRow } from '../sql/rows-json.writer';
import { compileQuery } from '../sql/select.compiler';
import { DeltaCursor, DeltaExpired, DeltaToken, encodeDeltaToken } from './delta-token';

/** One page of changes: the entries as a JSON array, then either where to go on or the next delta link. */
export interface DeltaPage {
  readonly json: string;
  readonly next: DeltaCursor | undefined;
  /** On the last page: the `$deltatoken` of the next delta link. */
  readonly deltaToken: string | undefined;
}

/** A change in order: (change number, id), with its JSON entry. */
interface Entry {
  readonly change: number;
  readonly id: number;
  readonly json: string;
}

/**
 * Reads what changed in a set since a delta token, up to the change number current when the pull
 * began: rows written since (as they are now, `$select` applied; a row the `$filter` no longer
 * matches as `{"@removed":{"reason":"changed"}}`) and tombstones (`"reason":"deleted"`), merged in
 * (change number, id) order and paged by a cursor, so nothing is missed or sent twice.
 */
@Injectable()
export class DeltaReader {
  private readonly sql: PreparedSql;

  constructor(
    dataSource: DataSource,
    private readonly engine: QueryEngine,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {
    this.sql = PreparedSql.of(dataSource);
  }

  /** The newest change number of the database: every change up to it is committed. */
  async currentChange(databaseId: string): Promise<number> {
    const q = this.engine.dialect.quote;
    const [row] = await this.sql.all<{ n: number | string }>(
      `SELECT ${q('last_change')} AS n FROM ${q('change_counters')} WHERE ${q('database_id')} = ?`,
      [databaseId],
    );
    return Number(row?.n ?? 0);
  }

  async page(
    databaseId: string,
    set: EntitySetDefinition,
    options: QueryOptions,
    token: DeltaToken,
    cursor: DeltaCursor | undefined,
    pageSize: number,
  ): Promise<DeltaPage> {
    await this.assertFresh(databaseId, token);
    const upTo = cursor?.upTo ?? (await this.currentChange(databaseId));
    const after = cursor ?? { change: token.after, id: -1 };
    const [rows, tombstones] = await Promise.all([
      this.changedRows(databaseId, set, options, token.after, upTo, after, pageSize + 1),
      this.tombstones(databaseId, set, token.after, upTo, after, pageSize + 1),
    ]);
    const merged = [...rows, ...tombstones].sort((a, b) => a.change - b.change || a.id - b.id);
    const page = merged.slice(0, pageSize);
    const json = `[${page.map((entry) => entry.json).join(',')}]`;
    if (merged.length > pageSize) {
      const last = page[page.length - 1];
      return { json, next: { upTo, change: last.change, id: last.id }, deltaToken: undefined };
    }
    return { json, next: undefined, deltaToken: encodeDeltaToken({ after: upTo, issuedAt: Date.now() }) };
  }

  /** 410 when the link is older than the retention, or tombstones it would need were swept. */
  private async assertFresh(databaseId: string, token: DeltaToken): Promise<void> {
    const retentionDays = this.config.delta.retentionDays;
    if (Date.now() - token.issuedAt > retentionDays * 86_400_000) throw new DeltaExpired(retentionDays);
    const q = this.engine.dialect.quote;
    const [row] = await this.sql.all<{ n: number | string }>(
      `SELECT ${q('swept_through')} AS n FROM ${q('change_counters')} WHERE ${q('database_id')} = ?`,
      [databaseId],
    );
    if (Number(row?.n ?? 0) > token.after) throw new DeltaExpired(retentionDays);
  }

  private async changedRows(
    databaseId: string,
    set: EntitySetDefinition,
    options: QueryOptions,
    from: number,
    upTo: number,
    after: { change: number; id: number },
    limit: number,
  ): Promise<Entry[]> {
    const dialect = this.engine.dialect;
    const q = dialect.quote;
    const plan = compileQuery(set, { select: options.select, filter: null, orderBy: [], expand: [] }, dialect);
    const matches = options.filter ? compileFilter(options.filter, dialect, set) : { sql: '1 = 1', params: [] };
    const width = plan.fetched.length;
    const key = plan.fetched.indexOf(set.key);
    const sql =
      `SELECT ${plan.columns}, ${q('change_number')}, CASE WHEN ${matches.sql} THEN 1 ELSE 0 END FROM ${plan.from}` +
      ` WHERE ${q('database_id')} = ? AND ${q('change_number')} > ? AND ${q('change_number')} <= ? AND ${this.afterCursor('id')}` +
      ` ORDER BY ${q('change_number')}, ${q('id')} LIMIT ?`;
    const rows = await this.sql.rows(sql, [...matches.params, databaseId, from, upTo, after.change, after.change, after.id, limit]);
    return rows.map((row: RawRow) => {
      const id = Number(row[key]);
      const json = Number(row[width + 1]) === 1 ? plan.writer.writeOne(row) : removed('changed', id);
      return { change: Number(row[width]), id, json };
    });
  }

  private async tombstones(
    databaseId: string,
    set: EntitySetDefinition,
    from: number,
    upTo: number,
    after: { change: number; id: number },
    limit: number,
  ): Promise<Entry[]> {
    const q = this.engine.dialect.quote;
    const sql =
      `SELECT ${q('entity_id')}, ${q('change_number')} FROM ${q('resource_tombstones')}` +
      ` WHERE ${q('database_id')} = ? AND ${q('set_name')} = ? AND ${q('change_number')} > ? AND ${q('change_number')} <= ? AND ${this.afterCursor('entity_id')}` +
      ` ORDER BY ${q('change_number')}, ${q('entity_id')} LIMIT ?`;
    const rows = await this.sql.rows(sql, [databaseId, set.name, from, upTo, after.change, after.change, after.id, limit]);
    return rows.map((row: RawRow) => ({ change: Number(row[1]), id: Number(row[0]), json: removed('deleted', Number(row[0])) }));
  }

  /** After the cursor in (change number, id) order. */
  private afterCursor(idColumn: string): string {
    const q = this.engine.dialect.quote;
    return `(${q('change_number')} > ? OR (${q('change_number')} = ? AND ${q(idColumn)} > ?))`;
  }
}

/** An entity that left the result, by deletion or because it no longer matches the filter (OData JSON 4.01 §15.4). */
function removed(reason: 'deleted' | 'changed', id: number): string {
  return `{"@removed":{"reason":"${reason}"},"id":${id}}`;
}

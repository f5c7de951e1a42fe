import type { PreparedSql } from '../database/prepared-sql';
import type { RawRow, RowExtra } from './sql/rows-json.writer';
import { compileLinkKeys } from './sql/link-keys.compiler';
import type { CompiledExpand } from './sql/select.compiler';
import type { SqlDialect } from './sql/sql-dialect';

const CHUNK = 1024;

/**
 * `$expand` without N+1: for each expanded property, ONE query per level reads the related rows
 * of the whole page, keyed by the page's link values (`room_id IN (…)`; a row of another database
 * is dropped), and groups them in
 * memory; nested expansions do the same for all the rows of their level. A collection's `$top` /
 * `$skip` apply per parent, in memory, over rows already in the nested `$orderby`.
 */
export class ExpandLoader {
  constructor(
    private readonly sql: PreparedSql,
    private readonly dialect: SqlDialect,
  ) {}

  async extras(databaseId: string, expands: readonly CompiledExpand[], rows: readonly RawRow[]): Promise<RowExtra | undefined> {
    if (expands.length === 0) return undefined;
    const parts = await Promise.all(expands.map((expand) => this.load(databaseId, expand, rows)));
    return parts.length === 1 ? parts[0] : (row, into) => parts.forEach((part) => part(row, into));
  }

  private async load(databaseId: string, expand: CompiledExpand, parents: readonly RawRow[]): Promise<RowExtra> {
    const keys = [...new Set(parents.map((row) => row[expand.parentIndex]).filter((value) => value !== null && value !== undefined))];
    const children = keys.length === 0 ? [] : await this.read(databaseId, expand, keys);
    const nested = await this.extras(databaseId, expand.query.expands, children);
    const groups = new Map<unknown, RawRow[]>();
    for (const child of children) {
      const key = child[expand.childIndex];
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
    }
    const { writer } = expand.query;
    const { name } = expand.navigation;
    if (!expand.navigation.collection) {
      return (row, into) => {
        const group = groups.get(row[expand.parentIndex]);
        into[name] = group ? writer.object(group[0], nested) : null;
      };
    }
    const end = expand.top === undefined ? undefined : expand.skip + expand.top;
    return (row, into) => {
      const group = groups.get(row[expand.parentIndex]) ?? [];
      const slice = expand.skip > 0 || end !== undefined ? group.slice(expand.skip, end) : group;
      into[name] = writer.objects(slice, slice.length, nested);
    };
  }

  /** The related rows, by their link values (compileLinkKeys), `CHUNK` values per statement. */
  private async read(databaseId: string, expand: CompiledExpand, keys: readonly unknown[]): Promise<RawRow[]> {
    const { query, navigation } = expand;
    const column = `${query.from}.${this.dialect.quote(navigation.targetField.column)}`;
    // Ordered by the link column first: the link index then serves the keys in order
    // (ordered by id alone, SQLite scans the database's rows in id order instead).
    const order = query.orderBy ? ` ORDER BY ${column}, ${query.orderBy}` : '';
    const rows: RawRow[] = [];
    for (let start = 0; start < keys.length; start += CHUNK) {
      const link = compileLinkKeys(column, keys.slice(start, start + CHUNK), this.dialect);
      const sql = `SELECT ${query.columns} FROM ${query.from} WHERE ${query.where.sql} AND ${link.sql}${order}`;
      for (const row of await this.sql.rows(sql, [...query.where.params, ...link.params])) {
        // References stay inside a database (ResourceWriter checks them); this keeps it so even if one did not.
        if (row[expand.databaseIndex] === databaseId) rows.push(row);
      }
    }
    return rows;
  }
}

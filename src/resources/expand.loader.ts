import type { PreparedSql } from '../database/prepared-sql';
import type { RawRow, RowExtra } from './sql/rows-json.writer';
import { MAX_EXPANDED_ENTITIES, TooMuchExpanded } from './odata/too-much-expanded.error';
import { compileLinkKeys } from './sql/link-keys.compiler';
import type { CompiledExpand } from './sql/select.compiler';
import type { SqlDialect } from './sql/sql-dialect';

const CHUNK = 1024;

/** What one expansion adds to a row, and how many related entities it writes there. */
interface Expansion {
  extra: RowExtra;
  weigh(row: RawRow): number;
}

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

  /**
   * What to add to each row of the page. Refused (400) when the page would write more than
   * MAX_EXPANDED_ENTITIES related entities: a path out and back through a relationship
   * (`occurrences?$expand=item($expand=occurrences)`) writes every sibling into every row, N² for
   * an item used N times, from rows read once (review R17).
   */
  async extras(databaseId: string, expands: readonly CompiledExpand[], rows: readonly RawRow[]): Promise<RowExtra | undefined> {
    const expansion = await this.expansion(databaseId, expands, rows);
    if (!expansion) return undefined;
    let written = 0;
    for (const row of rows) written += expansion.weigh(row);
    if (written > MAX_EXPANDED_ENTITIES) throw new TooMuchExpanded(written);
    return expansion.extra;
  }

  private async expansion(databaseId: string, expands: readonly CompiledExpand[], rows: readonly RawRow[]): Promise<Expansion | undefined> {
    if (expands.length === 0) return undefined;
    const parts = await Promise.all(expands.map((expand) => this.load(databaseId, expand, rows)));
    if (parts.length === 1) return parts[0];
    return {
      extra: (row, into) => parts.forEach((part) => part.extra(row, into)),
      weigh: (row) => parts.reduce((sum, part) => sum + part.weigh(row), 0),
    };
  }

  private async load(databaseId: string, expand: CompiledExpand, parents: readonly RawRow[]): Promise<Expansion> {
    const keys = [...new Set(parents.map((row) => row[expand.parentIndex]).filter((value) => value !== null && value !== undefined))];
    const children = keys.length === 0 ? [] : await this.read(databaseId, expand, keys);
    const nested = await this.expansion(databaseId, expand.query.expands, children);
    const groups = new Map<unknown, RawRow[]>();
    for (const child of children) {
      const key = child[expand.childIndex];
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
    }
    const { writer } = expand.query;
    const { name, collection } = expand.navigation;
    const end = expand.top === undefined ? undefined : expand.skip + expand.top;
    const written = (row: RawRow): RawRow[] => {
      const group = groups.get(row[expand.parentIndex]) ?? [];
      if (!collection) return group.slice(0, 1);
      return expand.skip > 0 || end !== undefined ? group.slice(expand.skip, end) : group;
    };
    const weights = new Map<unknown, number>();
    const weigh = (row: RawRow): number => {
      const key = row[expand.parentIndex];
      let weight = weights.get(key);
      if (weight === undefined) {
        weight = 0;
        for (const child of written(row)) weight += 1 + (nested?.weigh(child) ?? 0);
        weights.set(key, weight);
      }
      return weight;
    };
    if (!collection) {
      return {
        weigh,
        extra: (row, into) => {
          const [child] = written(row);
          into[name] = child ? writer.object(child, nested?.extra) : null;
        },
      };
    }
    return {
      weigh,
      extra: (row, into) => {
        const slice = written(row);
        into[name] = writer.objects(slice, slice.length, nested?.extra);
      },
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

import type { Statement } from '../../database/prepared-sql';
import type { EntitySetDefinition } from '../sets/entity-set';
import type { NavigationDefinition } from '../sets/navigation';
import type { SqlDialect } from '../sql/sql-dialect';

/**
 * The SQL that records a change in the same transaction as the row (delta sync): the database's
 * counter is incremented first, which locks its row until the transaction ends, so change numbers
 * are committed in the order they are drawn and a reader that sees number N has seen every
 * number below it. Rows and tombstones take the counter's value by a subquery.
 */
export class ChangeStatements {
  private readonly q: (name: string) => string;

  constructor(private readonly dialect: SqlDialect) {
    this.q = dialect.quote;
  }

  /** Draws the next change number of the database. */
  bump(databaseId: string): Statement {
    const q = this.q;
    const conflict =
      this.dialect.name === 'mysql'
        ? `ON DUPLICATE KEY UPDATE ${q('last_change')} = ${q('last_change')} + 1`
        : `ON CONFLICT (${q('database_id')}) DO UPDATE SET ${q('last_change')} = ${q('last_change')} + 1`;
    return {
      sql: `INSERT INTO ${q('change_counters')} (${q('database_id')}, ${q('last_change')}, ${q('swept_through')}) VALUES (?, 1, 0) ${conflict}`,
      params: [databaseId],
    };
  }

  /** The change number drawn by `bump` in this transaction, as a subquery (one parameter: the database). */
  get drawn(): string {
    return `(SELECT ${this.q('last_change')} FROM ${this.q('change_counters')} WHERE ${this.q('database_id')} = ?)`;
  }

  /** The tombstone of one entity, written only if it exists (and has the expected version). */
  tombstone(databaseId: string, set: EntitySetDefinition, id: number, now: string, version?: number): Statement {
    const q = this.q;
    const versioned = version === undefined ? '' : ` AND ${q('change_number')} = ?`;
    return {
      sql: `INSERT INTO ${q('resource_tombstones')} (${this.columns()}) SELECT ?, ?, ${q('id')}, ${this.drawn}, ? FROM ${q(set.table)} WHERE ${q('database_id')} = ? AND ${q('id')} = ?${versioned}`,
      params: [databaseId, set.name, databaseId, now, databaseId, id, ...(version === undefined ? [] : [version])],
      required: true,
    };
  }

  /** Tombstones for the rows a deletion removes by foreign-key cascade (a room's occurrences). */
  cascaded(databaseId: string, navigation: NavigationDefinition, id: number, now: string): Statement {
    const q = this.q;
    const target = navigation.target;
    return {
      sql: `INSERT INTO ${q('resource_tombstones')} (${this.columns()}) SELECT ?, ?, ${q('id')}, ${this.drawn}, ? FROM ${q(target.table)} WHERE ${q('database_id')} = ? AND ${q(navigation.targetField.column)} = ?`,
      params: [databaseId, target.name, databaseId, now, databaseId, id],
    };
  }

  private columns(): string {
    return ['database_id', 'set_name', 'entity_id', 'change_number', 'deleted_at'].map(this.q).join(', ');
  }
}

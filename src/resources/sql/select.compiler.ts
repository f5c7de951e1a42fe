import type { FilterNode, LiteralValue } from '../odata/filter.ast';
import type { OrderTerm } from '../odata/orderby.parser';
import type { EntitySetDefinition, FieldDefinition } from '../sets/entity-set';
import { compileFilter } from './filter.compiler';
import { RawRow, RowsJsonWriter } from './rows-json.writer';
import { SqlDialect, SqlFragment } from './sql-dialect';

/**
 * The parts of a collection query that depend only on the query text, compiled once and
 * cached: the column list, the WHERE head (database + `$filter`), and the ORDER BY.
 */
export interface CompiledQuery {
  readonly columns: string;
  readonly from: string;
  readonly where: SqlFragment;
  readonly orderBy: string;
  /** Writes the selected columns of raw rows as JSON; order fields fetched only for the skiptoken come after them and are not written. */
  readonly writer: RowsJsonWriter;
  /** The `$orderby` values of a raw row, as its `$skiptoken` carries them (dates as their JSON value). */
  readonly orderValues: (row: RawRow) => LiteralValue[];
}

export function compileQuery(
  set: EntitySetDefinition,
  select: readonly FieldDefinition[],
  filter: FilterNode | null,
  order: readonly OrderTerm[],
  dialect: SqlDialect,
): CompiledQuery {
  const hidden = order.map((term) => term.field).filter((field) => !select.includes(field));
  const fetched = [...select, ...hidden];
  const columns = fetched.map((field) => outputColumn(field, dialect)).join(', ');
  const database = `${dialect.quote('database_id')} = ?`;
  const compiled = filter ? compileFilter(filter, dialect, set) : null;
  return {
    columns,
    from: dialect.quote(set.table),
    where: compiled ? { sql: `${database} AND ${compiled.sql}`, params: compiled.params } : { sql: database, params: [] },
    orderBy: order.map((term) => `${dialect.quote(term.field.column)} ${term.descending ? 'DESC' : 'ASC'}`).join(', '),
    writer: new RowsJsonWriter(select, dialect),
    orderValues: orderValueReader(order, fetched, dialect),
  };
}

function orderValueReader(order: readonly OrderTerm[], fetched: readonly FieldDefinition[], dialect: SqlDialect): (row: RawRow) => LiteralValue[] {
  const readDate = dialect.readDate;
  const readers = order.map((term) => {
    const index = fetched.indexOf(term.field);
    return readDate && term.field.type === 'datetime'
      ? (row: RawRow) => readDate(row[index]) as LiteralValue
      : (row: RawRow) => (row[index] ?? null) as LiteralValue;
  });
  return (row) => readers.map((read) => read(row));
}

export function dateFieldNames(fields: readonly FieldDefinition[], dialect: SqlDialect): string[] {
  return dialect.readDate ? fields.filter((field) => field.type === 'datetime').map((field) => field.name) : [];
}

/** Applies the dialect's `readDate` to the named fields of each row, in place. */
export function readDates(rows: Record<string, unknown>[], names: readonly string[], dialect: SqlDialect): void {
  const readDate = dialect.readDate;
  if (!readDate || names.length === 0) return;
  for (const row of rows) for (const name of names) row[name] = readDate(row[name]);
}

export function outputColumn(field: FieldDefinition, dialect: SqlDialect): string {
  const column = dialect.quote(field.column);
  const expression = dialect.output(column, field);
  return expression === column && field.column === field.name ? column : `${expression} AS ${dialect.quote(field.name)}`;
}

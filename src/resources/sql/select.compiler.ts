import type { ExpandItem } from '../odata/expand.parser';
import type { FilterNode, LiteralValue } from '../odata/filter.ast';
import type { OrderTerm } from '../odata/orderby.parser';
import { DATABASE_ID, EntitySetDefinition, FieldDefinition } from '../sets/entity-set';
import type { NavigationDefinition } from '../sets/navigation';
import { compileFilter } from './filter.compiler';
import { RawRow, RowsJsonWriter } from './rows-json.writer';
import { SqlDialect, SqlFragment } from './sql-dialect';

/**
 * The parts of a collection query that depend only on the query text, compiled once and
 * cached: the column list, the WHERE head (database + `$filter`), and the ORDER BY.
 */
export interface CompiledQuery {
  /** Every column read, in order: the selected fields, then those needed for paging and expanding only. */
  readonly fetched: readonly FieldDefinition[];
  readonly columns: string;
  readonly from: string;
  readonly where: SqlFragment;
  readonly orderBy: string;
  /** Writes the selected columns of raw rows as JSON; order fields fetched only for the skiptoken come after them and are not written. */
  readonly writer: RowsJsonWriter;
  /** The `$orderby` values of a raw row, as its `$skiptoken` carries them (dates as their JSON value). */
  readonly orderValues: (row: RawRow) => LiteralValue[];
  /** The navigation properties expanded into each row, one query per level (expand.loader.ts). */
  readonly expands: readonly CompiledExpand[];
  /** For `/rooms(1)/occurrences`: the where clause ends with `AND <field> = ?`, the parent's key. */
  readonly scoped: boolean;
}

/** One expanded navigation property: where its link value sits in the parent's and in its own rows. */
export interface CompiledExpand {
  readonly navigation: NavigationDefinition;
  readonly parentIndex: number;
  readonly childIndex: number;
  /** Where the related row's database is: rows of another database are dropped. */
  readonly databaseIndex: number;
  readonly query: CompiledQuery;
  readonly top: number | undefined;
  readonly skip: number;
}

/** What a query reads: the parsed `$select`, `$filter`, `$orderby` and `$expand`. */
export interface QueryShape {
  readonly select: readonly FieldDefinition[];
  readonly filter: FilterNode | null;
  readonly orderBy: readonly OrderTerm[];
  readonly expand: readonly ExpandItem[];
  /** The field a navigation path (`rooms(1)/occurrences`) fixes to the parent's key. */
  readonly scopeField?: FieldDefinition;
  /**
   * False for an expansion: its rows are found by their link to the page's rows, and the loader
   * checks their database itself (a `database_id = ?` condition would make MariaDB seek a
   * (database_id, room_id) index, twice as slow as the room_id index for a page of ids).
   */
  readonly byDatabase?: boolean;
}

export function compileQuery(
  set: EntitySetDefinition,
  shape: QueryShape,
  dialect: SqlDialect,
  required: readonly FieldDefinition[] = [],
): CompiledQuery {
  const { select, filter, orderBy: order } = shape;
  const needed = [...order.map((term) => term.field), ...required, ...shape.expand.map((item) => item.navigation.sourceField)];
  const fetched = [...select, ...new Set(needed.filter((field) => !select.includes(field)))];
  const columns = fetched.map((field) => outputColumn(field, dialect)).join(', ');
  const compiled = filter ? compileFilter(filter, dialect, set) : null;
  const conditions = [
    ...(shape.byDatabase === false ? [] : [`${dialect.quote('database_id')} = ?`]),
    ...(compiled ? [compiled.sql] : []),
    ...(shape.scopeField ? [`${dialect.quote(shape.scopeField.column)} = ?`] : []),
  ];
  return {
    fetched,
    columns,
    from: dialect.quote(set.table),
    where: { sql: conditions.length > 0 ? conditions.join(' AND ') : '1 = 1', params: compiled?.params ?? [] },
    orderBy: order.map((term) => `${dialect.quote(term.field.column)} ${term.descending ? 'DESC' : 'ASC'}`).join(', '),
    writer: new RowsJsonWriter(select, dialect),
    orderValues: orderValueReader(order, fetched, dialect),
    expands: shape.expand.map((item) => compileExpand(item, fetched, dialect)),
    scoped: shape.scopeField !== undefined,
  };
}

function compileExpand(item: ExpandItem, parentFetched: readonly FieldDefinition[], dialect: SqlDialect): CompiledExpand {
  const { navigation } = item;
  const orderBy = navigation.collection ? item.orderBy : [];
  const shape = { select: item.select, filter: item.filter, orderBy, expand: item.expand, byDatabase: false };
  const query = compileQuery(navigation.target, shape, dialect, [navigation.targetField, DATABASE_ID]);
  return {
    navigation,
    databaseIndex: query.fetched.indexOf(DATABASE_ID),
    parentIndex: parentFetched.indexOf(navigation.sourceField),
    childIndex: query.fetched.indexOf(navigation.targetField),
    query,
    top: item.top,
    skip: item.skip,
  };
}

function orderValueReader(
  order: readonly OrderTerm[],
  fetched: readonly FieldDefinition[],
  dialect: SqlDialect,
): (row: RawRow) => LiteralValue[] {
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

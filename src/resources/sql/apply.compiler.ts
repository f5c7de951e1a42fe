import type { Aggregate, ApplyPlan } from '../odata/apply.parser';
import { QueryOptionError } from '../odata/query-option.error';
import { EntitySetDefinition, field, FieldDefinition } from '../sets/entity-set';
import { compileFilter } from './filter.compiler';
import { RowsJsonWriter } from './rows-json.writer';
import { outputColumn } from './select.compiler';
import { SqlDialect, SqlFragment } from './sql-dialect';

/** An aggregated query: its SQL up to ORDER BY, and how to write its rows. */
export interface CompiledApply {
  readonly select: SqlFragment;
  readonly orderBy: string;
  readonly fields: readonly FieldDefinition[];
  readonly writer: RowsJsonWriter;
}

const TERM = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/;

/**
 * `SELECT g1, g2, SUM(a) AS total, COUNT(*) AS n FROM t WHERE … GROUP BY g1, g2`: the grouping and
 * the aggregates run in the database. Averages are computed in floating point on both databases
 * (MariaDB's AVG of integers is a 4-digit decimal). The order is `$orderby` over the result's
 * properties, then every grouped field, so pages by `$skip` are stable.
 */
export function compileApply(set: EntitySetDefinition, plan: ApplyPlan, orderText: string | undefined, dialect: SqlDialect): CompiledApply {
  const q = dialect.quote;
  const groupBy = plan.groupBy ?? [];
  const aliases = plan.aggregates.map((a) => field(a.alias, a.type, `aggregate ${a.method}`, { nullable: true, writable: false }));
  const fields = [...groupBy, ...aliases];
  const columns = [
    ...groupBy.map((f) => outputColumn(f, dialect)),
    ...plan.aggregates.map((a, i) => `${dialect.output(aggregateSql(a, dialect), aliases[i])} AS ${q(a.alias)}`),
  ];
  const filter = plan.filter ? compileFilter(plan.filter, dialect, set) : null;
  const where = `${q('database_id')} = ?${filter ? ` AND ${filter.sql}` : ''}`;
  // Grouped columns are named with their table: SQL compares names without case, and an alias
  // spelt like a column in another case ("Area", "Department") would otherwise take its place.
  const column = (f: FieldDefinition) => `${q(set.table)}.${q(f.column)}`;
  const group = groupBy.length > 0 ? ` GROUP BY ${groupBy.map(column).join(', ')}` : '';
  return {
    select: { sql: `SELECT ${columns.join(', ')} FROM ${q(set.table)} WHERE ${where}${group}`, params: filter?.params ?? [] },
    orderBy: orderOf(orderText, fields, groupBy, column, dialect),
    fields,
    writer: new RowsJsonWriter(fields, dialect),
  };
}

function aggregateSql(aggregate: Aggregate, dialect: SqlDialect): string {
  if (aggregate.method === 'count') return 'COUNT(*)';
  const column = dialect.quote(aggregate.field!.column);
  switch (aggregate.method) {
    case 'countdistinct':
      return `COUNT(DISTINCT ${column})`;
    case 'average':
      return `AVG(${column} * 1.0E0)`;
    case 'sum':
      return `SUM(${column})`;
    default:
      return `${aggregate.method.toUpperCase()}(${column})`;
  }
}

function orderOf(
  text: string | undefined,
  fields: readonly FieldDefinition[],
  groupBy: readonly FieldDefinition[],
  column: (f: FieldDefinition) => string,
  dialect: SqlDialect,
): string {
  const terms: string[] = [];
  const used = new Set<FieldDefinition>();
  for (const part of text === undefined ? [] : text.split(',')) {
    const match = TERM.exec(part.trim());
    const target = match ? fields.find((f) => f.name === match[1]) : undefined;
    if (!match || !target)
      throw new QueryOptionError(
        '$orderby',
        `"${part.trim()}" is not a property of the $apply result; it has ${fields.map((f) => f.name).join(', ')}`,
      );
    used.add(target);
    terms.push(`${groupBy.includes(target) ? column(target) : dialect.quote(target.name)} ${match[2] === 'desc' ? 'DESC' : 'ASC'}`);
  }
  for (const f of groupBy) if (!used.has(f)) terms.push(`${column(f)} ASC`);
  return terms.join(', ');
}

import type { FilterNode, LiteralValue } from '../odata/filter.ast';
import type { FieldDefinition } from '../sets/entity-set';
import { SqlDialect, SqlFragment, toSqlParam } from './sql-dialect';

const SQL_OPERATORS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
const NEVER: SqlFragment = { sql: '1 = 0', params: [] };

/**
 * Compiles a filter tree to a parameterized WHERE fragment with OData's two-valued null logic
 * (DESIGN §10): every predicate is true or false, never SQL NULL, so `not` and `ne` keep rows
 * whose field is null (`department ne 'IT'` includes rows without a department).
 */
export function compileFilter(node: FilterNode, dialect: SqlDialect): SqlFragment {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const left = compileFilter(node.left, dialect);
      const right = compileFilter(node.right, dialect);
      return { sql: `(${left.sql} ${node.kind.toUpperCase()} ${right.sql})`, params: [...left.params, ...right.params] };
    }
    case 'not': {
      const operand = compileFilter(node.operand, dialect);
      return { sql: `NOT (${operand.sql})`, params: operand.params };
    }
    case 'compare':
      return compileComparison(node.field, node.op, node.value, dialect);
    case 'in':
      return compileIn(node.field, node.values, dialect);
    case 'function': {
      const column = dialect.quote(node.field.column);
      const build = { contains: dialect.contains, startswith: dialect.startsWith, endswith: dialect.endsWith }[node.name];
      return notNull(node.field, build(column, node.value), dialect);
    }
  }
}

function compileComparison(field: FieldDefinition, op: keyof typeof SQL_OPERATORS, value: LiteralValue, dialect: SqlDialect): SqlFragment {
  const column = dialect.quote(field.column);
  if (value === null) {
    if (op === 'eq') return { sql: `${column} IS NULL`, params: [] };
    if (op === 'ne') return { sql: `${column} IS NOT NULL`, params: [] };
    return NEVER;
  }
  const predicate = { sql: `${column} ${SQL_OPERATORS[op]} ?`, params: [toSqlParam(field, value)] };
  if (op === 'ne' && field.nullable) return { sql: `(${column} IS NULL OR ${predicate.sql})`, params: predicate.params };
  return notNull(field, predicate, dialect);
}

function compileIn(field: FieldDefinition, values: readonly LiteralValue[], dialect: SqlDialect): SqlFragment {
  const column = dialect.quote(field.column);
  const present = values.filter((value) => value !== null);
  const includesNull = present.length < values.length;
  if (present.length === 0) return { sql: `${column} IS NULL`, params: [] };
  const list = { sql: `${column} IN (${present.map(() => '?').join(', ')})`, params: present.map((value) => toSqlParam(field, value)) };
  if (includesNull) return { sql: `(${column} IS NULL OR ${list.sql})`, params: list.params };
  return notNull(field, list, dialect);
}

/** For a nullable column, makes a predicate false (not NULL) when the column is null. */
function notNull(field: FieldDefinition, predicate: SqlFragment, dialect: SqlDialect): SqlFragment {
  if (!field.nullable) return predicate;
  return { sql: `(${dialect.quote(field.column)} IS NOT NULL AND ${predicate.sql})`, params: predicate.params };
}

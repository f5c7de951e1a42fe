import { FilterNode, isNullable, LiteralValue, ValueNode, valueTypeOf } from '../odata/filter.ast';
import { QueryOptionError } from '../odata/query-option.error';
import type { EntitySetDefinition } from '../sets/entity-set';
import { isColumn, sql, SqlDialect, SqlFragment, toSqlParam } from './sql-dialect';

const SQL_OPERATORS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
const ARITHMETIC = { add: '+', sub: '-', mul: '*' } as const;
const NEVER: SqlFragment = { sql: '1 = 0', params: [] };
const ALWAYS: SqlFragment = { sql: '1 = 1', params: [] };
/**
 * The most SQL one filter may compile to. A $filter is at most 4,000 characters and compiles to a
 * few times that; the bound keeps any template that repeats its argument from growing the SQL
 * exponentially with nesting (review R16), in this dialect or a later one.
 */
export const MAX_FILTER_SQL = 64 * 1024;

/** Where a field of each lambda scope lives: `null` for the unqualified outer row of the main query. */
interface Context {
  readonly dialect: SqlDialect;
  /** Per scope: the qualifier of its columns (a table name or an alias), or null for none. */
  readonly qualifiers: readonly (string | null)[];
  readonly tables: readonly string[];
}

/**
 * Compiles a filter tree to a parameterized WHERE fragment with OData's two-valued null logic
 * (docs/resources.md, "Decisions"): every predicate is true or false, never SQL NULL, so `not` and `ne` keep rows
 * whose value is null (`department ne 'IT'` includes rows without a department). Functions and
 * arithmetic propagate null as OData says; a comparison with a null side is then false (`eq`),
 * or true (`ne`) unless both sides are null.
 */
export function compileFilter(node: FilterNode, dialect: SqlDialect, set?: EntitySetDefinition): SqlFragment {
  const compiled = predicate(node, { dialect, qualifiers: [null], tables: [set ? dialect.quote(set.table) : ''] });
  if (compiled.sql.length > MAX_FILTER_SQL)
    throw new QueryOptionError('$filter', 'the expression is too complex (its SQL would exceed 64 KB); simplify it');
  return compiled;
}

function predicate(node: FilterNode, ctx: Context): SqlFragment {
  switch (node.kind) {
    case 'and':
    case 'or':
      return junction(node, ctx);
    case 'not':
      return sql`NOT (${predicate(node.operand, ctx)})`;
    case 'constant':
      return node.value ? ALWAYS : NEVER;
    case 'compare':
      return comparison(node.op, node.left, node.right, ctx);
    case 'in':
      return membership(node.operand, node.values, ctx);
    case 'test':
      return stringTest(node, ctx);
    case 'lambda':
      return lambda(node, ctx);
  }
}

/** `a or b or c …` as one flat list: a long chain (Power Query writes 100 terms) does not nest deeply. */
function junction(node: Extract<FilterNode, { kind: 'and' | 'or' }>, ctx: Context): SqlFragment {
  const terms: FilterNode[] = [];
  const pending: FilterNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (current.kind === node.kind) pending.push(current.right, current.left);
    else terms.push(current);
  }
  const compiled = terms.map((term) => predicate(term, ctx));
  return { sql: `(${compiled.map((c) => c.sql).join(` ${node.kind.toUpperCase()} `)})`, params: compiled.flatMap((c) => c.params) };
}

function comparison(op: keyof typeof SQL_OPERATORS, left: ValueNode, right: ValueNode, ctx: Context): SqlFragment {
  const leftNull = left.kind === 'literal' && left.value === null;
  const rightNull = right.kind === 'literal' && right.value === null;
  if (leftNull || rightNull) {
    if (leftNull && rightNull) return op === 'eq' ? ALWAYS : NEVER;
    const other = value(leftNull ? right : left, ctx);
    if (op === 'eq') return sql`${other} IS NULL`;
    if (op === 'ne') return sql`${other} IS NOT NULL`;
    return NEVER;
  }
  const [l, r] = [value(left, ctx), value(right, ctx)];
  const [nl, nr] = [isNullable(left), isNullable(right)];
  const base = sql`${l} ${SQL_OPERATORS[op]} ${r}`;
  if (op === 'eq' && nl && nr) return ctx.dialect.nullSafeEqual(l, r);
  if (op === 'ne' && nl && nr) return sql`NOT ${ctx.dialect.nullSafeEqual(l, r)}`;
  if (op === 'ne' && (nl || nr)) return sql`(${nl ? l : r} IS NULL OR ${base})`;
  return guarded([nl ? l : null, nr ? r : null], base);
}

function membership(operand: ValueNode, values: readonly LiteralValue[], ctx: Context): SqlFragment {
  const compiled = value(operand, ctx);
  const type = valueTypeOf(operand);
  const present = values.filter((v) => v !== null);
  const includesNull = present.length < values.length;
  if (present.length === 0) return includesNull ? sql`${compiled} IS NULL` : NEVER;
  const list: SqlFragment = {
    sql: `${compiled.sql} IN (${present.map(() => '?').join(', ')})`,
    params: [
      ...compiled.params,
      ...present.map((v) => toSqlParam({ type: type === 'datetime' || type === 'boolean' ? type : 'string' }, v)),
    ],
  };
  if (includesNull) return sql`(${compiled} IS NULL OR ${list})`;
  return guarded([isNullable(operand) ? compiled : null], list);
}

function stringTest(node: Extract<FilterNode, { kind: 'test' }>, ctx: Context): SqlFragment {
  const [text, part] = node.args;
  const compiledText = value(text, ctx);
  const nullableText = isNullable(text) ? compiledText : null;
  if (part.kind === 'literal') {
    if (part.value === null) return NEVER;
    const build = { contains: ctx.dialect.contains, startswith: ctx.dialect.startsWith, endswith: ctx.dialect.endsWith }[node.name];
    return guarded([nullableText], build(compiledText, String(part.value)));
  }
  const compiledPart = value(part, ctx);
  return guarded([nullableText, isNullable(part) ? compiledPart : null], ctx.dialect.test(node.name, compiledText, compiledPart));
}

/**
 * `any`: a row of the collection exists that matches; `all`: none exists that does not. One
 * correlated EXISTS per lambda, on the join the relationship declares.
 */
function lambda(node: Extract<FilterNode, { kind: 'lambda' }>, ctx: Context): SqlFragment {
  const { navigation } = node;
  const q = ctx.dialect.quote;
  const alias = q(`l${ctx.qualifiers.length}`);
  const outer = ctx.qualifiers[node.scope] ?? ctx.tables[node.scope];
  const inner: Context = {
    dialect: ctx.dialect,
    qualifiers: [...ctx.qualifiers.map((qualifier, i) => qualifier ?? ctx.tables[i]), alias],
    tables: [...ctx.tables, q(navigation.target.table)],
  };
  const join = `${alias}.${q('database_id')} = ${outer}.${q('database_id')} AND ${alias}.${q(navigation.targetField.column)} = ${outer}.${q(navigation.sourceField.column)}`;
  const from = `SELECT 1 FROM ${q(navigation.target.table)} AS ${alias} WHERE ${join}`;
  if (node.predicate === null) return { sql: `EXISTS (${from})`, params: [] };
  const condition = predicate(node.predicate, inner);
  if (node.op === 'any') return { sql: `EXISTS (${from} AND ${condition.sql})`, params: condition.params };
  return { sql: `NOT EXISTS (${from} AND NOT (${condition.sql}))`, params: condition.params };
}

/**
 * A comparison that is false, not NULL, when a nullable side is null. A column is tested with
 * `IS NOT NULL` (an index can still serve the test); an expression is not written twice, which
 * would evaluate it twice per row (a JavaScript call on SQLite for `tolower`), but the test's
 * NULL is read as false.
 */
function guarded(nullable: readonly (SqlFragment | null)[], test: SqlFragment): SqlFragment {
  const checks = nullable.filter((part): part is SqlFragment => part !== null);
  if (checks.length === 0) return test;
  if (!checks.every(isColumn)) return sql`COALESCE(${test}, FALSE)`;
  const parts = [...checks.map((part) => sql`${part} IS NOT NULL`), test];
  return { sql: `(${parts.map((p) => p.sql).join(' AND ')})`, params: parts.flatMap((p) => p.params) };
}

/** An expression's SQL; literals are parameters in the form the columns store (toSqlParam). */
function value(node: ValueNode, ctx: Context): SqlFragment {
  switch (node.kind) {
    case 'field': {
      const qualifier = ctx.qualifiers[node.scope];
      const column = ctx.dialect.quote(node.field.column);
      return { sql: qualifier ? `${qualifier}.${column}` : column, params: [] };
    }
    case 'literal':
      if (node.value === null) return { sql: 'NULL', params: [] };
      return {
        sql: '?',
        params: [toSqlParam({ type: node.type === 'datetime' || node.type === 'boolean' ? node.type : 'string' }, node.value)],
      };
    case 'call':
      return ctx.dialect.call(
        node.name,
        node.args.map((arg) => value(arg, ctx)),
      );
    case 'negate':
      return sql`(-${value(node.operand, ctx)})`;
    case 'arithmetic':
      return arithmetic(node, ctx);
  }
}

function arithmetic(node: Extract<ValueNode, { kind: 'arithmetic' }>, ctx: Context): SqlFragment {
  const [left, right] = [value(node.left, ctx), value(node.right, ctx)];
  switch (node.op) {
    case 'div':
      return node.type === 'int' ? ctx.dialect.intDivide(left, right) : sql`(${left} / ${right})`;
    case 'divby':
      return ctx.dialect.divide(left, right);
    case 'mod':
      return ctx.dialect.name === 'mysql' ? sql`MOD(${left}, ${right})` : sql`mod(${left}, ${right})`;
    default:
      return sql`(${left} ${ARITHMETIC[node.op]} ${right})`;
  }
}

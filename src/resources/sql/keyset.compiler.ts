import type { LiteralValue } from '../odata/filter.ast';
import type { OrderTerm } from '../odata/orderby.parser';
import { SqlDialect, SqlFragment, toSqlParam } from './sql-dialect';

/**
 * "Rows after this one" in the `$orderby` order, for keyset paging. Both databases sort NULL
 * before every value ascending and after every value descending; the condition follows that:
 * (t1 after v1) OR (t1 = v1 AND t2 after v2) OR … with the key last, so it is total.
 */
export function compileKeyset(order: readonly OrderTerm[], values: readonly LiteralValue[], dialect: SqlDialect): SqlFragment {
  const disjuncts: string[] = [];
  const params: unknown[] = [];
  for (let i = 0; i < order.length; i++) {
    const after = afterCondition(order[i], values[i], dialect);
    if (!after) continue;
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      const equal = equalCondition(order[j], values[j], dialect);
      parts.push(equal.sql);
      params.push(...equal.params);
    }
    parts.push(after.sql);
    params.push(...after.params);
    disjuncts.push(parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`);
  }
  if (disjuncts.length === 0) return { sql: '1 = 0', params: [] };
  const condition = { sql: disjuncts.length === 1 ? disjuncts[0] : `(${disjuncts.join(' OR ')})`, params };
  const seek = disjuncts.length > 1 ? seekCondition(order[0], values[0], dialect) : null;
  return seek ? { sql: `${seek.sql} AND ${condition.sql}`, params: [...seek.params, ...condition.params] } : condition;
}

/**
 * A redundant range on the first order field (`name >= ?`), implied by the condition, that lets
 * both databases seek into an index on it instead of scanning from the start on every page.
 */
function seekCondition(term: OrderTerm, value: LiteralValue, dialect: SqlDialect): SqlFragment | null {
  if (value === null || (term.descending && term.field.nullable)) return null;
  return { sql: `${dialect.quote(term.field.column)} ${term.descending ? '<=' : '>='} ?`, params: [toSqlParam(term.field, value)] };
}

function equalCondition(term: OrderTerm, value: LiteralValue, dialect: SqlDialect): SqlFragment {
  const column = dialect.quote(term.field.column);
  if (value === null) return { sql: `${column} IS NULL`, params: [] };
  return { sql: `${column} = ?`, params: [toSqlParam(term.field, value)] };
}

function afterCondition(term: OrderTerm, value: LiteralValue, dialect: SqlDialect): SqlFragment | null {
  const column = dialect.quote(term.field.column);
  if (!term.descending) {
    if (value === null) return { sql: `${column} IS NOT NULL`, params: [] };
    return { sql: `${column} > ?`, params: [toSqlParam(term.field, value)] };
  }
  if (value === null) return null;
  const below = `${column} < ?`;
  return { sql: term.field.nullable ? `(${below} OR ${column} IS NULL)` : below, params: [toSqlParam(term.field, value)] };
}

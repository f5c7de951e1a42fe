import { EntitySetDefinition, FieldDefinition, isDeclaredField } from '../sets/entity-set';
import { parseApply } from './apply.parser';
import { ExpandItem, parseExpand } from './expand.parser';
import type { FilterNode, LiteralValue } from './filter.ast';
import { parseFilter } from './filter.parser';
import { OrderTerm, parseOrderBy } from './orderby.parser';
import { parseCount, parseNonNegativeInteger } from './paging.parser';
import { NotAcceptable } from './not-acceptable.error';
import { NotImplemented } from './not-implemented.error';
import { QueryOptionError } from './query-option.error';
import { ParseCache } from './parse-cache';
import { parseSearch } from './search.parser';
import { parseSelect } from './select.parser';
import { decodeSkipToken } from './skiptoken';

/** Every query option of a collection request, parsed and checked against the entity set. */
export interface QueryOptions {
  readonly select: readonly FieldDefinition[];
  readonly filter: FilterNode | null;
  readonly orderBy: readonly OrderTerm[];
  readonly top: number | undefined;
  readonly skip: number;
  readonly count: boolean;
  readonly skipToken: LiteralValue[] | undefined;
  readonly expand: readonly ExpandItem[];
  /** The options as given, to carry into next links (`$filter`, `$select`, `$orderby`, `$count`, `$expand`, `client_id`). */
  readonly carried: ReadonlyArray<readonly [string, string]>;
}

export type RawQuery = Record<string, unknown>;

const KNOWN = new Set([
  '$filter',
  '$select',
  '$orderby',
  '$top',
  '$skip',
  '$count',
  '$skiptoken',
  '$format',
  '$expand',
  '$deltatoken',
  '$search',
  '$apply',
]);
/** System query options of OData 4.01 that Tessera does not implement: 501, not 400 (Part 1 §9.3.1). */
const NOT_IMPLEMENTED = new Set(['$compute', '$index', '$schemaversion', '$levels', '$id']);
const CARRIED = ['$apply', '$filter', '$search', '$select', '$orderby', '$count', '$expand', 'client_id'];
const FORMATS = new Set(['json', 'application/json']);

/** One parser per option; the first bad one answers 400 naming it. */
export function parseQueryOptions(raw: RawQuery, set: EntitySetDefinition): QueryOptions {
  const query = singleValues(raw);
  checkFormat(query.$format);
  const orderBy = parseOrderBy(query.$orderby, set);
  return {
    select: parseSelect(query.$select, set),
    filter: filterOf(query, set),
    orderBy,
    top: parseNonNegativeInteger('$top', query.$top),
    skip: parseNonNegativeInteger('$skip', query.$skip) ?? 0,
    count: parseCount(query.$count),
    skipToken: decodeSkipToken(query.$skiptoken, orderBy),
    expand: query.$expand === undefined ? [] : expansions.get(set, query.$expand, () => parseExpand(query.$expand, set)),
    carried: CARRIED.filter((name) => query[name] !== undefined).map((name) => [name, query[name]!] as const),
  };
}

/**
 * What identifies a compiled query plan: the parsed `$select`, `$filter` and `$orderby`, with
 * fields named. Never the raw text: option names are case-insensitive (OData 4.01 §5.1), so
 * `$FILTER` and `$filter` parse alike, and a key read from the text would miss one of them (F6).
 */
export function planKeyOf(set: EntitySetDefinition, options: Pick<QueryOptions, 'select' | 'filter' | 'orderBy' | 'expand'>): string {
  return `[${JSON.stringify(set.name)},${partKey(options.select)},${partKey(options.filter)},${partKey(options.orderBy)},${partKey(options.expand)}]`;
}

/** A parsed part as key text, remembered per parsed object (the parse caches hand out the same tree for the same text). */
const partKeys = new WeakMap<object, string>();
function partKey(part: object | null): string {
  if (part === null) return 'null';
  let key = partKeys.get(part);
  if (key === undefined) {
    key = JSON.stringify(part, (_name, value: unknown) => (isDeclaredField(value) ? value.name : value));
    partKeys.set(part, key);
  }
  return key;
}

const filters = new ParseCache<FilterNode>();
const searches = new ParseCache<FilterNode>();
const expansions = new ParseCache<ExpandItem[]>();

/** Only `$filter` matters for `/<set>/$count`; the rest is still validated. */
export function parseFilterOnly(raw: RawQuery, set: EntitySetDefinition): FilterNode | null {
  return filterOf(singleValues(raw), set);
}

/** `$filter`, `$search` and an `$apply` of filters only (`$apply=filter(…)`) together: all must hold. */
function filterOf(query: Record<string, string | undefined>, set: EntitySetDefinition): FilterNode | null {
  const apply = query.$apply === undefined ? null : parseApply(query.$apply, set);
  if (apply && (apply.groupBy || apply.aggregates.length > 0))
    throw new QueryOptionError('$apply', 'groupby and aggregate results are read through the aggregation path');
  const parts = [
    query.$filter === undefined ? null : filters.get(set, query.$filter, () => parseFilter(query.$filter!, set)),
    query.$search === undefined ? null : searches.get(set, query.$search, () => parseSearch(query.$search!, set)),
    apply?.filter ?? null,
  ].filter((part): part is FilterNode => part !== null);
  return parts.reduce<FilterNode | null>((left, right) => (left ? { kind: 'and', left, right } : right), null);
}

/** Does `$apply` group or aggregate (rather than only filter)? Such a result has its own shape. */
export function isAggregation(raw: RawQuery, set: EntitySetDefinition): boolean {
  const text = singleValues(raw).$apply;
  if (text === undefined) return false;
  const apply = parseApply(text, set);
  return apply.groupBy !== null || apply.aggregates.length > 0;
}

/** Each option at most once, as text; unknown `$` options are refused rather than ignored. */
export function singleValues(raw: RawQuery): Record<string, string | undefined> {
  // No prototype: a parameter may be named `toString` or `__proto__` (review on c36682a).
  const result: Record<string, string | undefined> = Object.create(null);
  for (const [name, value] of Object.entries(raw)) {
    const option = name.startsWith('$') ? name.toLowerCase() : name;
    if (NOT_IMPLEMENTED.has(option)) throw new NotImplemented(`the query option ${name} is not supported`, name);
    if (option.startsWith('$') && !KNOWN.has(option)) {
      throw new QueryOptionError(
        name,
        `the query option ${name} is not supported; use $filter, $select, $orderby, $top, $skip, $count, $expand or $skiptoken`,
      );
    }
    if (Array.isArray(value) || result[option] !== undefined) throw new QueryOptionError(name, `${name} is given more than once`);
    result[option] = String(value);
  }
  return result;
}

function checkFormat(format: string | undefined): void {
  if (format !== undefined && !FORMATS.has(format.split(';')[0].trim().toLowerCase())) {
    throw new NotAcceptable(`$format: only json is supported, not "${format}"`, '$format');
  }
}

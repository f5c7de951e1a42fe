import type { EntitySetDefinition, FieldDefinition, FieldType } from '../sets/entity-set';
import { splitTopLevel } from './expand.parser';
import type { FilterNode } from './filter.ast';
import { parseFilter } from './filter.parser';
import { NotImplemented } from './not-implemented.error';
import { QueryOptionError } from './query-option.error';

export type AggregateMethod = 'sum' | 'average' | 'min' | 'max' | 'countdistinct' | 'count';

/** One aggregated value of the result: `area with sum as total`, or `$count as n` (field null). */
export interface Aggregate {
  readonly alias: string;
  readonly method: AggregateMethod;
  readonly field: FieldDefinition | null;
  /** The type of the value in the result. */
  readonly type: FieldType;
}

/** `$apply` (OData Data Aggregation 4.0): filters first, then at most one groupby or aggregate. */
export interface ApplyPlan {
  readonly filter: FilterNode | null;
  /** null: no grouping (one row, or the filtered entities when there is no aggregate either). */
  readonly groupBy: readonly FieldDefinition[] | null;
  readonly aggregates: readonly Aggregate[];
}

const METHODS = new Set<string>(['sum', 'average', 'min', 'max', 'countdistinct']);
const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CALL = /^([A-Za-z]+)\s*\((.*)\)$/s;
const EXAMPLE = 'e.g. $apply=filter(floor ge 0)/groupby((department),aggregate(area with sum as total,$count as rooms))';

/**
 * Parses `$apply=filter(…)/groupby((f1,f2),aggregate(f with sum as a,$count as n))`. Every
 * transformation after the first groupby/aggregate would work on the aggregated result, which
 * Tessera does not compute: that is a 501, as are the other transformations of the spec.
 */
export function parseApply(text: string, set: EntitySetDefinition): ApplyPlan {
  const filters: FilterNode[] = [];
  let grouped: { groupBy: FieldDefinition[] | null; aggregates: Aggregate[] } | null = null;
  for (const step of splitTopLevel(text, '/').map((s) => s.trim())) {
    const match = CALL.exec(step);
    if (!match) throw fail(`"${step}" is not a transformation; ${EXAMPLE}`);
    const [, name, body] = match;
    if (grouped)
      throw new NotImplemented(
        `$apply: ${name}(…) after ${grouped.groupBy ? 'groupby' : 'aggregate'} is not supported; filter before grouping`,
        '$apply',
      );
    if (name === 'filter') filters.push(parseFilter(body, set, '$apply'));
    else if (name === 'aggregate') grouped = { groupBy: null, aggregates: parseAggregates(body, set) };
    else if (name === 'groupby') grouped = parseGroupBy(body, set);
    else if (
      [
        'topcount',
        'bottomcount',
        'topsum',
        'bottomsum',
        'toppercent',
        'bottompercent',
        'concat',
        'compute',
        'search',
        'expand',
        'identity',
        'orderby',
        'skip',
        'top',
        'nest',
        'join',
        'outerjoin',
        'ancestors',
        'descendants',
        'traverse',
      ].includes(name)
    ) {
      throw new NotImplemented(`$apply: the transformation ${name} is not supported; use filter, groupby and aggregate`, '$apply');
    } else throw fail(`unknown transformation "${name}"; ${EXAMPLE}`);
  }
  const filter = filters.reduce<FilterNode | null>((left, right) => (left ? { kind: 'and', left, right } : right), null);
  return { filter, groupBy: grouped?.groupBy ?? null, aggregates: grouped?.aggregates ?? [] };
}

function parseGroupBy(body: string, set: EntitySetDefinition): { groupBy: FieldDefinition[]; aggregates: Aggregate[] } {
  const [paths, ...rest] = splitTopLevel(body, ',').map((s) => s.trim());
  if (!paths.startsWith('(') || !paths.endsWith(')'))
    throw fail(`groupby takes a parenthesized list of fields first, e.g. groupby((department,floor))`);
  const groupBy = paths
    .slice(1, -1)
    .split(',')
    .map((name) => fieldNamed(name.trim(), set));
  if (new Set(groupBy).size !== groupBy.length) throw fail('a field appears twice in groupby');
  if (rest.length > 1) throw fail('groupby takes the fields and at most one aggregate(…)');
  if (rest.length === 0) return { groupBy, aggregates: [] };
  const inner = CALL.exec(rest[0]);
  if (!inner || inner[1] !== 'aggregate')
    throw new NotImplemented(`$apply: only aggregate(…) is supported inside groupby, not "${rest[0]}"`, '$apply');
  const aggregates = parseAggregates(inner[2], set);
  const clash = aggregates.find((a) => groupBy.some((f) => f.name === a.alias));
  if (clash) throw fail(`the alias "${clash.alias}" is also a grouped field`);
  return { groupBy, aggregates };
}

function parseAggregates(body: string, set: EntitySetDefinition): Aggregate[] {
  const aggregates = splitTopLevel(body, ',').map((part) => parseAggregate(part.trim(), set));
  const aliases = aggregates.map((a) => a.alias.toLowerCase());
  if (new Set(aliases).size !== aliases.length) throw fail('two aggregates have the same alias (names are compared without case)');
  return aggregates;
}

function parseAggregate(text: string, set: EntitySetDefinition): Aggregate {
  const count = /^\$count\s+as\s+(\S+)$/.exec(text);
  if (count) return { alias: alias(count[1], set), method: 'count', field: null, type: 'int' };
  const match = /^(\S+)\s+with\s+(\S+)\s+as\s+(\S+)$/.exec(text);
  if (!match) throw fail(`"${text}" is not "field with method as alias" or "$count as alias"; ${EXAMPLE}`);
  const [, name, method, as] = match;
  const field = fieldNamed(name, set);
  if (!METHODS.has(method)) throw fail(`"${method}" is not an aggregation method; use sum, average, min, max or countdistinct`);
  const numeric = field.type === 'int' || field.type === 'double';
  if ((method === 'sum' || method === 'average') && !numeric) throw fail(`${method} needs a number; "${field.name}" is ${field.type}`);
  const type: FieldType = method === 'countdistinct' ? 'int' : method === 'average' ? 'double' : field.type;
  return { alias: alias(as, set), method: method as AggregateMethod, field, type };
}

/** Columns every set's table has beside its declared fields. */
const HIDDEN_COLUMNS = ['database_id', 'change_number'];

/**
 * An alias is a new name. It may differ from a field only in case (Power Query folds
 * `Table.Group(…, {{"Area", each List.Sum([area])}})` into `sum as Area`): the compiled SQL
 * names grouped columns with their table, so an alias never takes a column's place.
 */
function alias(name: string, set: EntitySetDefinition): string {
  if (!ALIAS.test(name)) throw fail(`"${name}" is not a valid alias (letters, digits, _)`);
  if (set.byName.has(name) || HIDDEN_COLUMNS.includes(name)) throw fail(`the alias "${name}" is already a field of ${set.name}`);
  return name;
}

function fieldNamed(name: string, set: EntitySetDefinition): FieldDefinition {
  if (name.includes('/')) throw new NotImplemented('$apply: paths through navigation properties are not supported', '$apply');
  const field = set.byName.get(name);
  if (!field) throw fail(`unknown field "${name}"; ${set.name} has ${set.fields.map((f) => f.name).join(', ')}`);
  return field;
}

function fail(message: string): QueryOptionError {
  return new QueryOptionError('$apply', message);
}

import type { EntitySetDefinition, FieldDefinition } from '../sets/entity-set';
import { findNavigation, navigationsOf } from '../sets';
import type { NavigationDefinition } from '../sets/navigation';
import type { FilterNode } from './filter.ast';
import { parseFilter } from './filter.parser';
import { NotImplemented } from './not-implemented.error';
import { OrderTerm, parseOrderBy } from './orderby.parser';
import { parseNonNegativeInteger } from './paging.parser';
import { QueryOptionError } from './query-option.error';
import { parseSelect } from './select.parser';

/** One expanded navigation property with its nested options (OData 4.01 Part 2 §5.1.3). */
export interface ExpandItem {
  readonly navigation: NavigationDefinition;
  readonly select: readonly FieldDefinition[];
  readonly filter: FilterNode | null;
  readonly orderBy: readonly OrderTerm[];
  readonly top: number | undefined;
  readonly skip: number;
  readonly expand: readonly ExpandItem[];
}

const MAX_LEVELS = 3;
const NAVIGATION = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/s;
const NESTED = new Set(['$select', '$filter', '$orderby', '$top', '$skip', '$expand']);
const NESTED_UNSUPPORTED = new Set(['$levels', '$count', '$search', '$compute', '$apply']);
const EXAMPLE = 'e.g. $expand=occurrences($select=quantity;$filter=quantity gt 1;$orderby=id;$top=5)';

/**
 * Parses `$expand=occurrences($select=quantity;$top=5;$expand=item),room`: navigation properties
 * derived from the set declarations, each with `$select`, `$filter`, `$orderby`, `$top`, `$skip`
 * and a nested `$expand` (up to three levels). `*`, `$ref` and `$levels` are 501.
 */
export function parseExpand(text: string | undefined, set: EntitySetDefinition, level = 1): ExpandItem[] {
  if (text === undefined) return [];
  if (level > MAX_LEVELS) throw fail(`$expand is nested more than ${MAX_LEVELS} levels deep`);
  const items: ExpandItem[] = [];
  for (const part of splitTopLevel(text, ',')) {
    const item = parseItem(part.trim(), set, level);
    if (items.some((other) => other.navigation === item.navigation)) throw fail(`"${item.navigation.name}" is expanded more than once`);
    items.push(item);
  }
  return items;
}

function parseItem(text: string, set: EntitySetDefinition, level: number): ExpandItem {
  if (text === '*' || text.startsWith('*'))
    throw new NotImplemented('$expand=* is not supported; name the navigation properties, ' + EXAMPLE, '$expand');
  if (/\/\$ref$/.test(text)) throw new NotImplemented('$expand with /$ref is not supported', '$expand');
  const match = NAVIGATION.exec(text);
  if (!match) throw fail(`"${text}" is not a navigation property optionally followed by (options); ${EXAMPLE}`);
  const navigation = findNavigation(set, match[1]);
  if (!navigation) {
    const names = navigationsOf(set)
      .map((n) => n.name)
      .join(', ');
    throw fail(`"${match[1]}" is not a navigation property of ${set.name}; it has ${names}`);
  }
  const options = nestedOptions(match[2] ?? '', navigation);
  return itemOf(navigation, options, level);
}

function itemOf(navigation: NavigationDefinition, options: Record<string, string | undefined>, level: number): ExpandItem {
  const target = navigation.target;
  if (!navigation.collection) {
    for (const name of ['$filter', '$orderby', '$top', '$skip']) {
      if (options[name] !== undefined) throw fail(`${name} applies to collections; ${navigation.name} is a single ${target.entityType}`);
    }
  }
  return {
    navigation,
    select: parseSelect(options.$select, target),
    filter: options.$filter === undefined ? null : parseFilter(options.$filter, target),
    orderBy: navigation.collection ? parseOrderBy(options.$orderby, target) : [],
    top: parseNonNegativeInteger('$top', options.$top),
    skip: parseNonNegativeInteger('$skip', options.$skip) ?? 0,
    expand: parseExpand(options.$expand, target, level + 1),
  };
}

/** `$select=a;$top=5` → { $select: 'a', $top: '5' }; names case-insensitive, each at most once. */
function nestedOptions(text: string, navigation: NavigationDefinition): Record<string, string | undefined> {
  const options: Record<string, string | undefined> = {};
  if (text.trim() === '') return options;
  for (const part of splitTopLevel(text, ';')) {
    const equals = part.indexOf('=');
    const name = (equals < 0 ? part : part.slice(0, equals)).trim().toLowerCase();
    if (NESTED_UNSUPPORTED.has(name)) throw new NotImplemented(`${name} inside $expand is not supported`, '$expand');
    if (!NESTED.has(name) || equals < 0)
      throw fail(`"${part.trim()}" inside ${navigation.name}(…) is not one of ${[...NESTED].join(', ')} with a value; ${EXAMPLE}`);
    if (options[name] !== undefined) throw fail(`${name} is given more than once inside ${navigation.name}(…)`);
    options[name] = part.slice(equals + 1);
  }
  return options;
}

/** Splits at `separator` outside parentheses and quoted strings (`''` is a quote inside one). */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw fail(`an unmatched ")" at position ${i}`);
  }
  if (depth !== 0 || quoted) throw fail(quoted ? 'a string is not closed' : 'a "(" is not closed');
  parts.push(text.slice(start));
  return parts;
}

function fail(message: string): QueryOptionError {
  return new QueryOptionError('$expand', message);
}

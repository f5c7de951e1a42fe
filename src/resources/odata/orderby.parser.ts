import type { EntitySetDefinition, FieldDefinition } from '../sets/entity-set';
import { QueryOptionError } from './query-option.error';

export interface OrderTerm {
  readonly field: FieldDefinition;
  readonly descending: boolean;
}

const TERM = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/;

/**
 * Parses `$orderby` (`floor desc,name`) into terms and always ends with the key, so the order
 * is total and a keyset next link continues exactly after the last row.
 */
export function parseOrderBy(text: string | undefined, set: EntitySetDefinition): OrderTerm[] {
  const terms: OrderTerm[] = [];
  if (text !== undefined) {
    for (const part of text.split(',')) terms.push(parseTerm(part.trim(), set, terms));
  }
  if (!terms.some((term) => term.field === set.key)) terms.push({ field: set.key, descending: false });
  return terms;
}

function parseTerm(part: string, set: EntitySetDefinition, seen: OrderTerm[]): OrderTerm {
  const match = TERM.exec(part);
  if (!match) throw fail(`"${part}" is not a field optionally followed by asc or desc; e.g. $orderby=floor desc,name`);
  const field = set.byName.get(match[1]);
  if (!field)
    throw fail(
      `unknown field "${match[1]}"; ${set.name} can be sorted by ${set.fields
        .filter((f) => f.sortable)
        .map((f) => f.name)
        .join(', ')}`,
    );
  if (!field.sortable) throw fail(`"${field.name}" cannot be sorted on`);
  if (seen.some((term) => term.field === field)) throw fail(`"${field.name}" appears more than once`);
  return { field, descending: match[2] === 'desc' };
}

function fail(message: string): QueryOptionError {
  return new QueryOptionError('$orderby', message);
}

import type { EntitySetDefinition, FieldDefinition } from '../sets/entity-set';
import { QueryOptionError } from './query-option.error';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `$select` (`name,area` or `*`) into the fields to return, in declaration order and
 * always with the key, so every row can be addressed and paged after.
 */
export function parseSelect(text: string | undefined, set: EntitySetDefinition): readonly FieldDefinition[] {
  if (text === undefined || text.trim() === '*') return set.fields;
  const wanted = new Set<FieldDefinition>([set.key]);
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '*') return set.fields;
    if (!NAME.test(name)) throw fail(`"${name}" is not a field name; e.g. $select=number,name`);
    const field = set.byName.get(name);
    if (!field) throw fail(`unknown field "${name}"; ${set.name} has ${set.fields.map((f) => f.name).join(', ')}`);
    wanted.add(field);
  }
  return set.fields.filter((field) => wanted.has(field));
}

function fail(message: string): QueryOptionError {
  return new QueryOptionError('$select', message);
}

import { isWellFormedText } from './unicode';
import { BadRequest } from '../common/errors/api-error';
import type { EntitySetDefinition, FieldDefinition } from './sets/entity-set';

export type WriteMode = 'create' | 'update';
export type FieldValues = Map<FieldDefinition, string | number | boolean | null>;

const INT_RANGE = 2_147_483_647;

/**
 * Checks a POST / PATCH body against the set's declaration: a JSON object of writable fields,
 * each of its type (strings within their length), every required field on create. OData
 * annotations (`@odata.…`) are ignored; the key and server-set fields are refused.
 */
export function validateEntityBody(set: EntitySetDefinition, body: unknown, mode: WriteMode): FieldValues {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('The body must be a JSON object of field values');
  const values: FieldValues = new Map();
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@') || name.includes('@odata.')) continue;
    const field = set.byName.get(name);
    if (!field)
      throw invalid(
        `Unknown field "${name}"; ${set.name} has ${set.fields
          .filter((f) => f.writable)
          .map((f) => f.name)
          .join(', ')}`,
        name,
      );
    if (!field.writable) throw invalid(`"${name}" is set by the server and cannot be written`, name);
    values.set(field, checkValue(field, value));
  }
  if (mode === 'create') {
    const missing = set.fields.filter((field) => field.required && !values.has(field));
    if (missing.length > 0)
      throw invalid(
        `Missing required field${missing.length > 1 ? 's' : ''} ${missing.map((f) => `"${f.name}"`).join(', ')}`,
        missing[0].name,
      );
  } else if (values.size === 0) {
    throw invalid(`The body changes no field; send e.g. { "${set.fields.find((f) => f.writable)!.name}": … }`);
  }
  return values;
}

function checkValue(field: FieldDefinition, value: unknown): string | number | boolean | null {
  if (value === null) {
    if (!field.nullable) throw invalid(`"${field.name}" cannot be null`, field.name);
    return null;
  }
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(`"${field.name}" must be a string`, field.name);
      if (!isWellFormedText(value)) throw invalid(`"${field.name}" is not valid Unicode text`, field.name);
      if (field.maxLength !== undefined && [...value].length > field.maxLength)
        throw invalid(`"${field.name}" must be at most ${field.maxLength} characters`, field.name);
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > INT_RANGE)
        throw invalid(`"${field.name}" must be a whole number`, field.name);
      return value;
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`"${field.name}" must be a number`, field.name);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(`"${field.name}" must be true or false`, field.name);
      return value;
    case 'datetime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
        throw invalid(`"${field.name}" must be an ISO 8601 date-time`, field.name);
      return value;
  }
}

function invalid(message: string, target?: string): BadRequest {
  return new BadRequest(message, target, 'invalid_value');
}

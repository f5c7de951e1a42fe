import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

const schemas = new Map<string, SchemaObject>();

/**
 * Names a response shape for the OpenAPI document: the schema lands in `components.schemas`
 * (swagger.ts adds every named one) and routes refer to it. Declared beside the view it describes.
 */
export function namedSchema(name: string, schema: SchemaObject): ReferenceObject {
  if (schemas.has(name) && schemas.get(name) !== schema) throw new Error(`OpenAPI schema ${name} is declared twice`);
  schemas.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

/** Every shape named so far (modules declare theirs at import time). */
export function namedSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries(schemas);
}

export type { ReferenceObject, SchemaObject };

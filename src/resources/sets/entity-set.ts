/** The value types a field may have, each mapped once to JSON, SQL parameters and CSDL. */
export type FieldType = 'string' | 'int' | 'double' | 'datetime' | 'boolean';

export interface FieldDefinition {
  /** The JSON property name, also the name used in query options. */
  readonly name: string;
  /** The SQL column (defaults to the name). */
  readonly column: string;
  readonly type: FieldType;
  readonly nullable: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  /** May a client set it on POST / PATCH? The key and timestamps are set by the server. */
  readonly writable: boolean;
  /** Must a POST carry it (writable, not nullable, no default)? */
  readonly required: boolean;
  readonly maxLength?: number;
  /** A reference to another set in the same database (occurrence → room), and the relationship it makes. */
  readonly references?: Reference;
  readonly description: string;
}

/** One entity set: everything the SQL, validation, CSDL and docs are derived from. */
export interface EntitySetDefinition {
  /** URL segment and OData entity-set name, e.g. `rooms`. */
  readonly name: string;
  /** OData entity type name, e.g. `Room`. */
  readonly entityType: string;
  readonly table: string;
  readonly description: string;
  /** The key field (an auto-increment integer). */
  readonly key: FieldDefinition;
  readonly fields: readonly FieldDefinition[];
  readonly byName: ReadonlyMap<string, FieldDefinition>;
}

/**
 * A relationship, declared once on the referencing field: `occurrences.room_id` references
 * `rooms` and makes `Occurrence.room` (single) and its partner `Room.occurrences` (collection).
 * Navigation in `$filter` / `$expand` / paths, the CSDL and the docs are derived from it.
 */
export interface Reference {
  readonly set: string;
  /** The single-valued navigation property on the referencing set, e.g. `room`. */
  readonly navigation: string;
  /** The collection-valued navigation property on the referenced set, e.g. `occurrences`. */
  readonly partner: string;
}

type FieldOptions = Partial<Omit<FieldDefinition, 'name' | 'type' | 'description'>>;

const declaredFields = new WeakSet<object>();

/** True for a field made by `field()`: lets a parsed syntax tree name it instead of spelling it out. */
export function isDeclaredField(value: unknown): value is FieldDefinition {
  return typeof value === 'object' && value !== null && declaredFields.has(value);
}

/** Declares a field; defaults: filterable, sortable, writable, not nullable, required when writable and not nullable. */
export function field(name: string, type: FieldType, description: string, options: FieldOptions = {}): FieldDefinition {
  const nullable = options.nullable ?? false;
  const writable = options.writable ?? true;
  const declared = Object.freeze({
    name,
    column: options.column ?? name,
    type,
    nullable,
    filterable: options.filterable ?? true,
    sortable: options.sortable ?? true,
    writable,
    required: options.required ?? (writable && !nullable),
    maxLength: options.maxLength,
    references: options.references,
    description,
  });
  declaredFields.add(declared);
  return declared;
}

/** The key every set shares: `id`, an integer the database assigns. */
export const idField = (description: string) => field('id', 'int', description, { writable: false, required: false });

/** The server-maintained modification time every set carries. */
export const updatedAtField = () =>
  field('updated_at', 'datetime', 'When the row last changed (UTC), set by the server', { writable: false, required: false });

export function entitySet(definition: Omit<EntitySetDefinition, 'key' | 'byName'>): EntitySetDefinition {
  const key = definition.fields.find((f) => f.name === 'id');
  if (!key) throw new Error(`entity set ${definition.name} declares no id field`);
  return Object.freeze({ ...definition, key, byName: new Map(definition.fields.map((f) => [f.name, f])) });
}

/**
 * The change number of a row's last write (delta sync), also its ETag. Not a declared field of
 * any set: never selected, filtered or written by clients, read where versions are needed.
 */
export const CHANGE_NUMBER = field('change_number', 'int', 'The number of the last change', {
  writable: false,
  filterable: false,
  sortable: false,
});

/** The database a row belongs to: read by `$expand` to check each related row (see ExpandLoader). */
export const DATABASE_ID = field('database_id', 'string', 'The database of the row', {
  writable: false,
  filterable: false,
  sortable: false,
});

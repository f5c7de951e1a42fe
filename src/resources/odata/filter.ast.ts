import type { FieldDefinition } from '../sets/entity-set';

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'contains' | 'startswith' | 'endswith';

/** A literal already checked against the field it is compared with; `null` is OData's null. */
export type LiteralValue = string | number | boolean | null;

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'compare'; readonly op: ComparisonOperator; readonly field: FieldDefinition; readonly value: LiteralValue }
  | { readonly kind: 'in'; readonly field: FieldDefinition; readonly values: readonly LiteralValue[] }
  | { readonly kind: 'function'; readonly name: StringFunction; readonly field: FieldDefinition; readonly value: string };

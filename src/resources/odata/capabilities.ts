import type { EntitySetDefinition } from '../sets/entity-set';
import { FUNCTIONS } from './filter.functions';

/** A vocabulary term's value, as both CSDL forms write it. */
export type TermValue = boolean | number | string | readonly TermValue[] | { readonly [property: string]: TermValue } | PropertyPaths;

/** A collection of property paths (`<PropertyPath>` in XML, `{"$PropertyPath": …}` in JSON). */
export class PropertyPaths {
  constructor(readonly paths: readonly string[]) {}
}

export const CAPABILITIES = 'Org.OData.Capabilities.V1';
export const AGGREGATION = 'Org.OData.Aggregation.V1';
export const VOCABULARIES: readonly { namespace: string; alias: string; uri: string }[] = [
  {
    namespace: CAPABILITIES,
    alias: 'Capabilities',
    uri: 'https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Capabilities.V1',
  },
  {
    namespace: AGGREGATION,
    alias: 'Aggregation',
    uri: 'https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Aggregation.V1',
  },
];

export const MAX_EXPAND_LEVELS = 3;

/** What the service as a whole supports (Capabilities vocabulary), so clients know before they ask. */
export function containerAnnotations(): Record<string, TermValue> {
  return {
    'Capabilities.BatchSupported': false,
    'Capabilities.FilterFunctions': FUNCTIONS.map((f) => f.name),
    'Capabilities.AsynchronousRequestsSupported': false,
  };
}

/** What one entity set supports: paging, sorting, expanding, searching, change tracking, $apply. */
export function entitySetAnnotations(set: EntitySetDefinition): Record<string, TermValue> {
  const strings = set.fields.filter((field) => field.type === 'string').map((field) => field.name);
  return {
    'Capabilities.TopSupported': true,
    'Capabilities.SkipSupported': true,
    'Capabilities.CountRestrictions': { Countable: true },
    'Capabilities.SortRestrictions': {
      Sortable: true,
      NonSortableProperties: new PropertyPaths(set.fields.filter((f) => !f.sortable).map((f) => f.name)),
    },
    'Capabilities.FilterRestrictions': {
      Filterable: true,
      NonFilterableProperties: new PropertyPaths(set.fields.filter((f) => !f.filterable).map((f) => f.name)),
    },
    'Capabilities.ExpandRestrictions': { Expandable: true, MaxLevels: MAX_EXPAND_LEVELS },
    'Capabilities.SearchRestrictions': { Searchable: strings.length > 0 },
    'Capabilities.ChangeTracking': {
      Supported: true,
      FilterableProperties: new PropertyPaths(set.fields.filter((f) => f.filterable).map((f) => f.name)),
      ExpandableProperties: new PropertyPaths([]),
    },
    'Capabilities.DeleteRestrictions': { Deletable: true },
    'Capabilities.UpdateRestrictions': { Updatable: true },
    'Capabilities.InsertRestrictions': { Insertable: true },
    'Aggregation.ApplySupported': { Transformations: ['aggregate', 'groupby', 'filter'] },
  };
}

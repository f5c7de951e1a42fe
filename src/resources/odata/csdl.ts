import type { EntitySetDefinition, FieldDefinition, FieldType } from '../sets/entity-set';

export const NAMESPACE = 'Tessera';
const EDM_TYPES: Record<FieldType, string> = {
  string: 'Edm.String', int: 'Edm.Int32', double: 'Edm.Double', datetime: 'Edm.DateTimeOffset', boolean: 'Edm.Boolean',
};

/** The CSDL XML `$metadata` document (OData v4 CSDL §3), derived from the set declarations. */
export function buildCsdl(sets: readonly EntitySetDefinition[]): string {
  const types = sets.map(entityType).join('');
  const container = sets.map((set) => `<EntitySet Name="${set.name}" EntityType="${NAMESPACE}.${set.entityType}"/>`).join('');
  return '<?xml version="1.0" encoding="utf-8"?>'
    + '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">'
    + '<edmx:DataServices>'
    + `<Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`
    + types
    + `<EntityContainer Name="Container">${container}</EntityContainer>`
    + '</Schema></edmx:DataServices></edmx:Edmx>';
}

function entityType(set: EntitySetDefinition): string {
  return `<EntityType Name="${set.entityType}"><Key><PropertyRef Name="${set.key.name}"/></Key>${set.fields.map(property).join('')}</EntityType>`;
}

function property(field: FieldDefinition): string {
  const maxLength = field.maxLength !== undefined ? ` MaxLength="${field.maxLength}"` : '';
  const precision = field.type === 'datetime' ? ' Precision="3"' : '';
  return `<Property Name="${field.name}" Type="${EDM_TYPES[field.type]}" Nullable="${field.nullable}"${maxLength}${precision}/>`;
}

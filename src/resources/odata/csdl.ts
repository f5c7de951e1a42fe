import type { EntitySetDefinition, FieldDefinition, FieldType } from '../sets/entity-set';
import { navigationsOf } from '../sets';
import type { NavigationDefinition } from '../sets/navigation';
import { containerAnnotations, entitySetAnnotations, PropertyPaths, TermValue, VOCABULARIES } from './capabilities';

export const NAMESPACE = 'Tessera';
const CONTAINER = 'Container';

const EDM_TYPES: Record<FieldType, string> = {
  string: 'Edm.String',
  int: 'Edm.Int32',
  double: 'Edm.Double',
  datetime: 'Edm.DateTimeOffset',
  boolean: 'Edm.Boolean',
};

/**
 * The CSDL XML `$metadata` document (OData v4 CSDL §3), derived from the set declarations:
 * keys, typed properties, navigation properties with partners and referential constraints,
 * navigation property bindings, and Capabilities / Aggregation annotations.
 */
export function buildCsdl(sets: readonly EntitySetDefinition[]): string {
  const references = VOCABULARIES.map(
    (v) => `<edmx:Reference Uri="${v.uri}.xml"><edmx:Include Namespace="${v.namespace}" Alias="${v.alias}"/></edmx:Reference>`,
  ).join('');
  const types = sets.map(entityType).join('');
  const container = sets.map(entitySetXml).join('') + annotationsXml(containerAnnotations());
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">' +
    references +
    '<edmx:DataServices>' +
    `<Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">` +
    types +
    `<EntityContainer Name="${CONTAINER}">${container}</EntityContainer>` +
    '</Schema></edmx:DataServices></edmx:Edmx>'
  );
}

function entityType(set: EntitySetDefinition): string {
  const navigation = navigationsOf(set).map(navigationXml).join('');
  return `<EntityType Name="${set.entityType}"><Key><PropertyRef Name="${set.key.name}"/></Key>${set.fields.map(property).join('')}${navigation}</EntityType>`;
}

function property(field: FieldDefinition): string {
  const maxLength = field.maxLength !== undefined ? ` MaxLength="${field.maxLength}"` : '';
  const precision = field.type === 'datetime' ? ' Precision="3"' : '';
  return `<Property Name="${field.name}" Type="${EDM_TYPES[field.type]}" Nullable="${field.nullable}"${maxLength}${precision}/>`;
}

function navigationXml(navigation: NavigationDefinition): string {
  const type = `${NAMESPACE}.${navigation.target.entityType}`;
  if (navigation.collection)
    return `<NavigationProperty Name="${navigation.name}" Type="Collection(${type})" Partner="${navigation.partner}"/>`;
  return (
    `<NavigationProperty Name="${navigation.name}" Type="${type}" Nullable="${navigation.sourceField.nullable}" Partner="${navigation.partner}">` +
    `<ReferentialConstraint Property="${navigation.sourceField.name}" ReferencedProperty="${navigation.targetField.name}"/></NavigationProperty>`
  );
}

function entitySetXml(set: EntitySetDefinition): string {
  const bindings = navigationsOf(set)
    .map((n) => `<NavigationPropertyBinding Path="${n.name}" Target="${n.target.name}"/>`)
    .join('');
  return `<EntitySet Name="${set.name}" EntityType="${NAMESPACE}.${set.entityType}">${bindings}${annotationsXml(entitySetAnnotations(set))}</EntitySet>`;
}

function annotationsXml(terms: Record<string, TermValue>): string {
  return Object.entries(terms)
    .map(([term, value]) => annotationXml(term, value))
    .join('');
}

function annotationXml(term: string, value: TermValue): string {
  if (typeof value === 'boolean') return `<Annotation Term="${term}" Bool="${value}"/>`;
  return `<Annotation Term="${term}">${valueXml(value)}</Annotation>`;
}

function valueXml(value: TermValue): string {
  if (typeof value === 'boolean') return `<Bool>${value}</Bool>`;
  if (typeof value === 'number') return `<Int>${value}</Int>`;
  if (typeof value === 'string') return `<String>${value}</String>`;
  if (value instanceof PropertyPaths)
    return `<Collection>${value.paths.map((p) => `<PropertyPath>${p}</PropertyPath>`).join('')}</Collection>`;
  if (Array.isArray(value)) return `<Collection>${value.map(valueXml).join('')}</Collection>`;
  const record = value as Record<string, TermValue>;
  return `<Record>${Object.entries(record)
    .map(([name, v]) => `<PropertyValue Property="${name}">${valueXml(v)}</PropertyValue>`)
    .join('')}</Record>`;
}

/** The same model as CSDL JSON (OData CSDL JSON 4.01), for `$metadata?$format=json`. */
export function buildCsdlJson(sets: readonly EntitySetDefinition[]): string {
  const schema: Record<string, unknown> = {};
  for (const set of sets) schema[set.entityType] = entityTypeJson(set);
  const container: Record<string, unknown> = { $Kind: 'EntityContainer', ...annotationsJson(containerAnnotations()) };
  for (const set of sets) {
    const bindings = Object.fromEntries(navigationsOf(set).map((n) => [n.name, n.target.name]));
    container[set.name] = {
      $Collection: true,
      $Type: `${NAMESPACE}.${set.entityType}`,
      $NavigationPropertyBinding: bindings,
      ...annotationsJson(entitySetAnnotations(set)),
    };
  }
  schema[CONTAINER] = container;
  const references = Object.fromEntries(
    VOCABULARIES.map((v) => [`${v.uri}.json`, { $Include: [{ $Namespace: v.namespace, $Alias: v.alias }] }]),
  );
  return JSON.stringify({ $Version: '4.0', $EntityContainer: `${NAMESPACE}.${CONTAINER}`, $Reference: references, [NAMESPACE]: schema });
}

function entityTypeJson(set: EntitySetDefinition): Record<string, unknown> {
  const type: Record<string, unknown> = { $Kind: 'EntityType', $Key: [set.key.name] };
  for (const field of set.fields) {
    type[field.name] = {
      ...(field.type === 'string' ? {} : { $Type: EDM_TYPES[field.type] }),
      ...(field.nullable ? { $Nullable: true } : {}),
      ...(field.maxLength !== undefined ? { $MaxLength: field.maxLength } : {}),
      ...(field.type === 'datetime' ? { $Precision: 3 } : {}),
    };
  }
  for (const n of navigationsOf(set)) {
    type[n.name] = {
      $Kind: 'NavigationProperty',
      $Type: `${NAMESPACE}.${n.target.entityType}`,
      $Partner: n.partner,
      ...(n.collection ? { $Collection: true } : { $ReferentialConstraint: { [n.sourceField.name]: n.targetField.name } }),
    };
  }
  return type;
}

function annotationsJson(terms: Record<string, TermValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(terms).map(([term, value]) => [`@${term}`, valueJson(value)]));
}

function valueJson(value: TermValue): unknown {
  if (value instanceof PropertyPaths) return value.paths.map((p) => ({ $PropertyPath: p }));
  if (Array.isArray(value)) return value.map(valueJson);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, TermValue>).map(([k, v]) => [k, valueJson(v)]));
  return value;
}

import type { EntitySetDefinition, FieldDefinition } from './entity-set';

/**
 * A navigation property, derived from a field's `references` (never declared twice): the single
 * side (`Occurrence.room`, joined on `occurrences.room_id = rooms.id`) and its collection partner
 * (`Room.occurrences`, joined on `rooms.id = occurrences.room_id`).
 */
export interface NavigationDefinition {
  readonly name: string;
  readonly source: EntitySetDefinition;
  readonly target: EntitySetDefinition;
  readonly collection: boolean;
  /** The column on the source that the join reads: the key (collection) or the reference (single). */
  readonly sourceField: FieldDefinition;
  /** The column on the target that must equal it: the reference (collection) or the key (single). */
  readonly targetField: FieldDefinition;
  readonly partner: string;
  /** Names it in a plan key (planKeyOf) and in logs. */
  toJSON(): string;
}

/** Both navigation properties of every reference among `sets`, by set name and property name. */
export function deriveNavigations(sets: readonly EntitySetDefinition[]): Map<string, Map<string, NavigationDefinition>> {
  const bySet = new Map(sets.map((set) => [set.name, new Map<string, NavigationDefinition>()]));
  const byName = new Map(sets.map((set) => [set.name, set]));
  for (const source of sets) {
    for (const field of source.fields) {
      if (!field.references) continue;
      const target = byName.get(field.references.set);
      if (!target) throw new Error(`${source.name}.${field.name} references the undeclared set ${field.references.set}`);
      const { navigation, partner } = field.references;
      add(bySet, navigationOf(navigation, source, target, false, field, target.key, partner));
      add(bySet, navigationOf(partner, target, source, true, target.key, field, navigation));
    }
  }
  return bySet;
}

function navigationOf(
  name: string,
  source: EntitySetDefinition,
  target: EntitySetDefinition,
  collection: boolean,
  sourceField: FieldDefinition,
  targetField: FieldDefinition,
  partner: string,
): NavigationDefinition {
  const key = `${source.name}/${name}`;
  return Object.freeze({ name, source, target, collection, sourceField, targetField, partner, toJSON: () => key });
}

function add(bySet: Map<string, Map<string, NavigationDefinition>>, navigation: NavigationDefinition): void {
  const properties = bySet.get(navigation.source.name)!;
  if (properties.has(navigation.name) || navigation.source.byName.has(navigation.name)) {
    throw new Error(`${navigation.source.name} declares "${navigation.name}" twice`);
  }
  properties.set(navigation.name, navigation);
}

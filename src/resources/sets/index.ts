import type { EntitySetDefinition } from './entity-set';
import { ITEMS } from './items.set';
import { deriveNavigations, NavigationDefinition } from './navigation';
import { OCCURRENCES } from './occurrences.set';
import { ROOMS } from './rooms.set';

/** Every entity set the resource API serves: adding a set is declaring it and listing it here. */
export const ENTITY_SETS: readonly EntitySetDefinition[] = [ROOMS, ITEMS, OCCURRENCES];

const BY_NAME = new Map(ENTITY_SETS.map((set) => [set.name, set]));
const NAVIGATIONS = deriveNavigations(ENTITY_SETS);

export function findEntitySet(name: string): EntitySetDefinition | undefined {
  return BY_NAME.get(name);
}

/** The navigation properties of a set, in declaration order of the references they come from. */
export function navigationsOf(set: EntitySetDefinition): NavigationDefinition[] {
  return [...(NAVIGATIONS.get(set.name)?.values() ?? [])];
}

export function findNavigation(set: EntitySetDefinition, name: string): NavigationDefinition | undefined {
  return NAVIGATIONS.get(set.name)?.get(name);
}

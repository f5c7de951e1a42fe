import type { EntitySetDefinition } from './entity-set';
import { ITEMS } from './items.set';
import { OCCURRENCES } from './occurrences.set';
import { ROOMS } from './rooms.set';

/** Every entity set the resource API serves: adding a set is declaring it and listing it here. */
export const ENTITY_SETS: readonly EntitySetDefinition[] = [ROOMS, ITEMS, OCCURRENCES];

const BY_NAME = new Map(ENTITY_SETS.map((set) => [set.name, set]));

export function findEntitySet(name: string): EntitySetDefinition | undefined {
  return BY_NAME.get(name);
}

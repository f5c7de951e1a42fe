import { entitySet, field, idField, updatedAtField } from './entity-set';

/** Rooms of a building-planning database (dRofus `rooms`). */
export const ROOMS = entitySet({
  name: 'rooms',
  entityType: 'Room',
  table: 'rooms',
  description: 'Rooms with their number, function, floor and area',
  fields: [
    idField('The room id, unique across databases'),
    field('number', 'string', 'Room number, e.g. A.01.012', { maxLength: 32 }),
    field('name', 'string', 'Room name', { maxLength: 200 }),
    field('floor', 'int', 'Floor (negative below ground)', { nullable: true }),
    field('department', 'string', 'Department using the room', { nullable: true, maxLength: 100 }),
    field('function', 'string', 'Room function group', { nullable: true, maxLength: 100 }),
    field('area', 'double', 'Net area in m²', { nullable: true }),
    field('status', 'string', 'Planning status', { maxLength: 32 }),
    updatedAtField(),
  ],
});

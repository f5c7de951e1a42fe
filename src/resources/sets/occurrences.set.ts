import { entitySet, field, idField, updatedAtField } from './entity-set';

/** An item placed in a room, with a quantity. */
export const OCCURRENCES = entitySet({
  name: 'occurrences',
  entityType: 'Occurrence',
  table: 'occurrences',
  description: 'Items placed in rooms, with quantities',
  fields: [
    idField('The occurrence id, unique across databases'),
    field('room_id', 'int', 'The room (an id in rooms of the same database)', {
      references: { set: 'rooms', navigation: 'room', partner: 'occurrences' },
    }),
    field('item_id', 'int', 'The item (an id in items of the same database)', {
      references: { set: 'items', navigation: 'item', partner: 'occurrences' },
    }),
    field('quantity', 'int', 'How many'),
    field('note', 'string', 'Free-text note', { nullable: true, maxLength: 255 }),
    updatedAtField(),
  ],
});

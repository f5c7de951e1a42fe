import { entitySet, field, idField, updatedAtField } from './entity-set';

/** Items (equipment, furniture) of a building-planning database. */
export const ITEMS = entitySet({
  name: 'items',
  entityType: 'Item',
  table: 'items',
  description: 'Equipment and furniture types',
  fields: [
    idField('The item id, unique across databases'),
    field('code', 'string', 'Item code, e.g. IT-00012', { maxLength: 64 }),
    field('name', 'string', 'Item name', { maxLength: 200 }),
    field('category', 'string', 'Category', { nullable: true, maxLength: 100 }),
    field('manufacturer', 'string', 'Manufacturer', { nullable: true, maxLength: 200 }),
    field('unit_price', 'double', 'Unit price', { nullable: true }),
    updatedAtField(),
  ],
});

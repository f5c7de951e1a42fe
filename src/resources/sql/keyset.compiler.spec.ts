import { parseOrderBy } from '../odata/orderby.parser';
import { ROOMS } from '../sets/rooms.set';
import { compileKeyset } from './keyset.compiler';
import { SQLITE } from './sql-dialect';

const keyset = (orderby: string | undefined, values: (string | number | null)[]) =>
  compileKeyset(parseOrderBy(orderby, ROOMS), values, SQLITE);

describe('compileKeyset', () => {
  it('is a plain key comparison for the default order', () => {
    expect(keyset(undefined, [42])).toEqual({ sql: '"id" > ?', params: [42] });
  });

  it('continues after the last row over several fields', () => {
    expect(keyset('name desc', ['B', 7])).toEqual({
      sql: '"name" <= ? AND ("name" < ? OR ("name" = ? AND "id" > ?))',
      params: ['B', 'B', 'B', 7],
    });
  });

  it('adds a seek range on the first field so an index can be used', () => {
    expect(keyset('name', ['B', 7])).toEqual({
      sql: '"name" >= ? AND ("name" > ? OR ("name" = ? AND "id" > ?))',
      params: ['B', 'B', 'B', 7],
    });
  });

  it('places nulls first ascending and last descending', () => {
    expect(keyset('department', [null, 7])).toEqual({
      sql: '("department" IS NOT NULL OR ("department" IS NULL AND "id" > ?))',
      params: [7],
    });
    expect(keyset('department', ['IT', 7]).sql).toBe('"department" >= ? AND ("department" > ? OR ("department" = ? AND "id" > ?))');
    expect(keyset('department desc', ['IT', 7])).toEqual({
      sql: '(("department" < ? OR "department" IS NULL) OR ("department" = ? AND "id" > ?))',
      params: ['IT', 'IT', 7],
    });
    expect(keyset('department desc', [null, 7])).toEqual({ sql: '("department" IS NULL AND "id" > ?)', params: [7] });
  });
});

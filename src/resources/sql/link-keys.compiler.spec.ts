import { compileLinkKeys } from './link-keys.compiler';
import { MYSQL, SQLITE } from './sql-dialect';

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

describe('compileLinkKeys', () => {
  it('reads consecutive ids as one range, in any order', () => {
    expect(compileLinkKeys('c', [3, 1, 2, 4], SQLITE)).toEqual({ sql: 'c BETWEEN ? AND ?', params: [1, 4] });
    expect(compileLinkKeys('c', range(1, 101), MYSQL)).toEqual({ sql: 'c BETWEEN ? AND ?', params: [1, 101] });
  });

  it('lists scattered keys in their order, padded to a power of two of at least 8', () => {
    expect(compileLinkKeys('c', [5, 1, 9], SQLITE)).toEqual({
      sql: `c IN (${Array(8).fill('?').join(', ')})`,
      params: [5, 1, 9, 9, 9, 9, 9, 9],
    });
    expect(compileLinkKeys('c', [7], MYSQL).params).toEqual(Array(8).fill(7));
    const odd = range(0, 8).map((i) => 2 * i + 1);
    expect(compileLinkKeys('c', odd, MYSQL).params).toEqual([...odd, ...Array(7).fill(17)]);
  });

  it('lists keys that are not all integers', () => {
    expect(compileLinkKeys('c', ['a', 'b'], MYSQL).sql).toBe(`c IN (${Array(8).fill('?').join(', ')})`);
    expect(compileLinkKeys('c', [1, 2, 2.5], MYSQL).params.slice(0, 3)).toEqual([1, 2, 2.5]);
  });

  it('lists keys with gaps where the planner would search each OR term apart (SQLite)', () => {
    expect(compileLinkKeys('c', [...range(1, 50), ...range(52, 101)], SQLITE).params).toHaveLength(128);
  });

  it('reads runs as ranges and lists the rest where the planner merges ranges (MariaDB)', () => {
    expect(compileLinkKeys('c', [...range(1, 50), ...range(52, 101)], MYSQL)).toEqual({
      sql: '(c BETWEEN ? AND ? OR c BETWEEN ? AND ?)',
      params: [1, 50, 52, 101],
    });
    expect(compileLinkKeys('c', [40, 1, 2, 3, 20, 21, 30, 31, 32, 33, 10, 11, 12], MYSQL)).toEqual({
      sql: `(c IN (${Array(8).fill('?').join(', ')}) OR c BETWEEN ? AND ? OR c BETWEEN ? AND ? OR c BETWEEN ? AND ? OR c BETWEEN ? AND ?)`,
      params: [20, 21, 40, 40, 40, 40, 40, 40, 1, 3, 10, 12, 30, 33, 30, 33],
    });
  });

  it('lists runs shorter than three', () => {
    expect(compileLinkKeys('c', [1, 2, 4, 5, 7], MYSQL).sql).toBe(`c IN (${Array(8).fill('?').join(', ')})`);
  });
});

import { ROOMS } from '../sets/rooms.set';
import { parseQueryOptions } from './query-options';

describe('parseQueryOptions', () => {
  it('parses every option and remembers the ones a next link carries', () => {
    const options = parseQueryOptions(
      { $filter: 'floor eq 1', $select: 'name', $orderby: 'name', $top: '5', $skip: '2', $count: 'true', client_id: 'app' },
      ROOMS,
    );
    expect(options.top).toBe(5);
    expect(options.skip).toBe(2);
    expect(options.count).toBe(true);
    expect(options.select.map((f) => f.name)).toEqual(['id', 'name']);
    expect(options.carried).toEqual([
      ['$filter', 'floor eq 1'],
      ['$select', 'name'],
      ['$orderby', 'name'],
      ['$count', 'true'],
      ['client_id', 'app'],
    ]);
  });

  it('refuses unsupported and repeated options', () => {
    expect(() => parseQueryOptions({ $compute: 'x' }, ROOMS)).toThrow(/\$compute is not supported/);
    expect(() => parseQueryOptions({ $frobnicate: 'x' }, ROOMS)).toThrow(/\$frobnicate is not supported/);
    expect(() => parseQueryOptions({ $top: ['1', '2'] }, ROOMS)).toThrow(/\$top is given more than once/);
    expect(() => parseQueryOptions({ $format: 'xml' }, ROOMS)).toThrow(/only json/);
  });

  it('ignores parameters that are not query options', () => {
    expect(() => parseQueryOptions({ foo: 'bar', $format: 'json' }, ROOMS)).not.toThrow();
  });

  it('ignores parameters named like inherited object members (review on c36682a: "toString is given more than once")', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__'])
      expect(() => parseQueryOptions(JSON.parse(`{"${name}": "1", "$top": "1"}`), ROOMS)).not.toThrow();
  });
});

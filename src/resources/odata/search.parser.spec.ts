import { ITEMS } from '../sets/items.set';
import type { FilterNode } from './filter.ast';
import { parseSearch } from './search.parser';

function termOf(node: FilterNode): string {
  let current = node;
  while (current.kind === 'or') current = current.right;
  return current.kind === 'test' && current.args[1].kind === 'literal' ? String(current.args[1].value) : '?';
}

describe('parseSearch', () => {
  it('makes each term an or over the text fields, lower-cased', () => {
    const node = parseSearch('Chair', ITEMS);
    expect(termOf(node)).toBe('chair');
    expect(JSON.stringify(node).match(/"name":"tolower"/g)).toHaveLength(4);
  });

  it('reads AND (also implied), OR, NOT, parentheses and phrases', () => {
    expect(parseSearch('a b', ITEMS).kind).toBe('and');
    expect(parseSearch('a OR b', ITEMS).kind).toBe('or');
    expect(parseSearch('NOT a', ITEMS).kind).toBe('not');
    expect(termOf(parseSearch('"meeting room"', ITEMS))).toBe('meeting room');
    expect(parseSearch('(a OR b) AND NOT c', ITEMS)).toMatchObject({ kind: 'and', left: { kind: 'or' }, right: { kind: 'not' } });
  });

  it.each([
    ['', /empty/],
    ['"open', /not closed/],
    ['(a', /not closed/],
    ['a OR', /ended/],
    ['AND', /where a term was expected/],
    ['NOT ('.repeat(65) + 'x' + ')'.repeat(65), /nested more than 64/],
    ['('.repeat(5000) + 'x' + ')'.repeat(5000), /nested more than 64/],
  ])('refuses %j', (text, message) => {
    expect(() => parseSearch(text, ITEMS)).toThrow(message);
  });

  it('reads a search nested 64 levels deep', () => {
    expect(() => parseSearch('NOT ('.repeat(64) + 'x' + ')'.repeat(64), ITEMS)).not.toThrow();
  });
});

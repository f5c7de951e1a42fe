import { linesOf, listOf, textOf } from './field-errors';

describe('form values', () => {
  it('reads one value per line, trimmed, without blank lines (CRLF as browsers send it)', () => {
    expect(linesOf(' https://a.example/cb \r\n\r\nhttps://b.example/cb\n')).toEqual(['https://a.example/cb', 'https://b.example/cb']);
    expect(linesOf(undefined)).toEqual([]);
    expect(linesOf(['x'])).toEqual([]);
  });

  it('reads a checkbox group sent once or several times as a list', () => {
    expect(listOf('read')).toEqual(['read']);
    expect(listOf(['read', 'openid', 3])).toEqual(['read', 'openid']);
    expect(listOf('')).toEqual([]);
  });

  it('trims text and treats anything else as empty', () => {
    expect(textOf('  name ')).toBe('name');
    expect(textOf({})).toBe('');
  });
});

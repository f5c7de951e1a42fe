import { tokenize } from './filter.lexer';
import { QueryOptionError } from './query-option.error';

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.value}`);

describe('tokenize', () => {
  it('splits words, strings, numbers, dates and punctuation', () => {
    expect(kinds("name eq 'A' and (floor ge -2.5)")).toEqual([
      'word:name',
      'word:eq',
      'string:A',
      'word:and',
      'open:(',
      'word:floor',
      'word:ge',
      'number:-2.5',
      'close:)',
      'end:',
    ]);
  });

  it("unescapes '' inside strings and keeps SQL-looking text as data", () => {
    expect(tokenize("'O''Brien'")[0].value).toBe("O'Brien");
    expect(tokenize("'x''; DROP TABLE rooms; --'")[0].value).toBe("x'; DROP TABLE rooms; --");
    expect(tokenize("''")[0]).toMatchObject({ kind: 'string', value: '' });
  });

  it('reads date and date-time literals as UTC instants', () => {
    expect(tokenize('2024-05-01')[0]).toMatchObject({ kind: 'date', value: '2024-05-01' });
    expect(tokenize('2024-05-01T10:00:00+02:00')[0].value).toBe('2024-05-01T08:00:00.000Z');
    expect(tokenize('2024-05-01T10:00:00.5Z')[0].value).toBe('2024-05-01T10:00:00.500Z');
  });

  it('keeps up to 12 fraction digits: truncated to the stored milliseconds and marked inexact when finer', () => {
    expect(tokenize('2026-12-03T11:16:41.7399Z')[0]).toMatchObject({ kind: 'datetime', value: '2026-12-03T11:16:41.739Z', inexact: true });
    expect(tokenize('2026-12-03T11:16:41.739000000000Z')[0]).toMatchObject({ value: '2026-12-03T11:16:41.739Z', inexact: false });
    expect(tokenize('08:30')[0]).toMatchObject({ kind: 'time', value: '08:30:00.000' });
    expect(tokenize('23:59:59.9999')[0]).toMatchObject({ kind: 'time', value: '23:59:59.999', inexact: true });
  });

  it('reads paths, lambda colons, unary minus and $it', () => {
    expect(kinds('occurrences/any(o:o/quantity gt -floor)')).toEqual([
      'word:occurrences',
      'slash:/',
      'word:any',
      'open:(',
      'word:o',
      'colon::',
      'word:o',
      'slash:/',
      'word:quantity',
      'word:gt',
      'minus:-',
      'word:floor',
      'close:)',
      'end:',
    ]);
    expect(kinds('$it/floor')).toEqual(['word:$it', 'slash:/', 'word:floor', 'end:']);
  });

  it('refuses an unclosed string, a bad character and an impossible date, naming the position', () => {
    expect(() => tokenize("name eq 'open")).toThrow(/string starting at position 8 is not closed/);
    expect(() => tokenize('name eq ;')).toThrow(/unexpected character ";" at position 8/);
    expect(() => tokenize('2024-02-30')).toThrow(/"2024-02-30" .* not a valid date/);
    expect(() => tokenize('2024-02-30T10:00:00+01:00')).toThrow(/not a valid date/);
    // Years 1–99 are years, not 1901–1999 (Date.UTC's two-digit rule; review on c36682a).
    expect(() => tokenize('0001-01-01T00:00:00Z')).not.toThrow();
    expect(() => tokenize('0099-12-31')).not.toThrow();
    expect(() => tokenize('0099-02-29')).toThrow(/not a valid date/);
    expect(() => tokenize("'\ud800'")).toThrow(/not valid Unicode/);
    expect(() => tokenize("'nul\u0000'")).toThrow(/not valid Unicode/);
    expect(() => tokenize('a'.repeat(5000))).toThrow(QueryOptionError);
  });
});

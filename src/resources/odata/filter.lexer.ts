import { isWellFormedText } from '../unicode';
import { QueryOptionError } from './query-option.error';

export type TokenKind =
  'word' | 'string' | 'number' | 'datetime' | 'date' | 'time' | 'open' | 'close' | 'comma' | 'slash' | 'colon' | 'minus' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The text (a string literal's value with `''` unescaped; a datetime normalised to ISO 8601 UTC). */
  readonly value: string;
  /** Where it starts in the expression, for error messages. */
  readonly position: number;
  /**
   * A date-time or time literal with more fraction digits than the stored milliseconds, not all
   * zero (`…41.7399Z`): its value is truncated to milliseconds and the parser compares exactly.
   */
  readonly inexact?: boolean;
}

const WORD = /\$?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const NUMBER = /-?(\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+)/y;
const DATE = /(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})?)?(?![\w.:-])/y;
const TIME = /([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,12})?)?(?![\w.:-])/y;
const SINGLE: Record<string, TokenKind> = { '(': 'open', ')': 'close', ',': 'comma', '/': 'slash', ':': 'colon' };
export const MAX_FILTER_LENGTH = 4000;

/** Splits a `$filter` expression into tokens (OData ABNF literals: strings with `''`, numbers, dates). */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_FILTER_LENGTH)
    throw new QueryOptionError('$filter', `the expression is longer than ${MAX_FILTER_LENGTH} characters`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      i++;
    } else if (SINGLE[char]) {
      tokens.push({ kind: SINGLE[char], value: char, position: i });
      i++;
    } else if (char === "'") {
      i = readString(text, i, tokens);
    } else {
      i = readWordOrNumber(text, i, tokens);
    }
  }
  tokens.push({ kind: 'end', value: '', position: text.length });
  return tokens;
}

function readString(text: string, start: number, tokens: Token[]): number {
  let value = '';
  let i = start + 1;
  for (;;) {
    const next = text.indexOf("'", i);
    if (next < 0)
      throw new QueryOptionError(
        '$filter',
        `the string starting at position ${start} is not closed; write a quote inside a string as '' (e.g. 'O''Brien')`,
      );
    value += text.slice(i, next);
    if (text[next + 1] === "'") {
      value += "'";
      i = next + 2;
    } else {
      if (!isWellFormedText(value))
        throw new QueryOptionError('$filter', `the string starting at position ${start} is not valid Unicode text`);
      tokens.push({ kind: 'string', value, position: start });
      return next + 1;
    }
  }
}

function readWordOrNumber(text: string, start: number, tokens: Token[]): number {
  for (const [kind, pattern] of [
    ['datetime', DATE],
    ['time', TIME],
    ['number', NUMBER],
    ['word', WORD],
  ] as const) {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (!match) continue;
    tokens.push(literalToken(kind, match[0], start));
    return start + match[0].length;
  }
  if (text[start] === '-') {
    tokens.push({ kind: 'minus', value: '-', position: start });
    return start + 1;
  }
  throw new QueryOptionError('$filter', `unexpected character "${text[start]}" at position ${start}`);
}

function literalToken(kind: 'datetime' | 'time' | 'number' | 'word', text: string, position: number): Token {
  if (kind === 'time') return { kind, value: normaliseTime(text), position, inexact: isInexact(text) };
  if (kind !== 'datetime') return { kind, value: text, position };
  if (!text.includes('T')) return { kind: 'date', value: normaliseDate(text, position).slice(0, 10), position };
  return { kind, value: normaliseDate(text, position), position, inexact: isInexact(text) };
}

/** More than three fraction digits, not all zero: finer than the stored milliseconds. */
function isInexact(literal: string): boolean {
  const fraction = /\.(\d+)/.exec(literal.replace(/^\d{4}-\d\d-\d\d/, ''))?.[1] ?? '';
  return /[1-9]/.test(fraction.slice(3));
}

/** `10:00` → `10:00:00.000`; fractions truncated to milliseconds. */
function normaliseTime(literal: string): string {
  const [hours, minutes, seconds = '00'] = literal.split(':');
  const [whole, fraction = ''] = seconds.split('.');
  return `${hours}:${minutes}:${whole}.${fraction.slice(0, 3).padEnd(3, '0')}`;
}

/** A date (`2024-05-01`) or date-time (`2024-05-01T10:00:00Z`) literal as an ISO 8601 UTC instant. */
function normaliseDate(literal: string, position: number): string {
  const truncated = literal.replace(/(\.\d{3})\d+/, '$1');
  const withTime = truncated.includes('T') ? truncated : `${truncated}T00:00:00`;
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(withTime) ? withTime : `${withTime}Z`;
  const date = new Date(zoned);
  if (Number.isNaN(date.getTime()) || !isCalendarDate(literal)) {
    throw new QueryOptionError(
      '$filter',
      `"${literal}" at position ${position} is not a valid date; write e.g. 2024-05-01 or 2024-05-01T10:00:00Z`,
    );
  }
  return date.toISOString();
}

/** `new Date` rolls 2024-02-30 over to March; refuse that instead. */
function isCalendarDate(literal: string): boolean {
  const [year, month, day] = literal.slice(0, 10).split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

import { isWellFormedText } from '../unicode';
import { QueryOptionError } from './query-option.error';

export type TokenKind = 'word' | 'string' | 'number' | 'datetime' | 'open' | 'close' | 'comma' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The text (a string literal's value with `''` unescaped; a datetime normalised to ISO 8601 UTC). */
  readonly value: string;
  /** Where it starts in the expression, for error messages. */
  readonly position: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?(\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+)/y;
const DATE = /(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?(?![\w.:-])/y;
const SINGLE: Record<string, TokenKind> = { '(': 'open', ')': 'close', ',': 'comma' };
export const MAX_FILTER_LENGTH = 4000;

/** Splits a `$filter` expression into tokens (OData ABNF literals: strings with `''`, numbers, dates). */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_FILTER_LENGTH) throw new QueryOptionError('$filter', `the expression is longer than ${MAX_FILTER_LENGTH} characters`);
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
    if (next < 0) throw new QueryOptionError('$filter', `the string starting at position ${start} is not closed; write a quote inside a string as '' (e.g. 'O''Brien')`);
    value += text.slice(i, next);
    if (text[next + 1] === "'") {
      value += "'";
      i = next + 2;
    } else {
      if (!isWellFormedText(value)) throw new QueryOptionError('$filter', `the string starting at position ${start} is not valid Unicode text`);
      tokens.push({ kind: 'string', value, position: start });
      return next + 1;
    }
  }
}

function readWordOrNumber(text: string, start: number, tokens: Token[]): number {
  for (const [kind, pattern] of [['datetime', DATE], ['number', NUMBER], ['word', WORD]] as const) {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (!match) continue;
    const value = kind === 'datetime' ? normaliseDate(match[0], start) : match[0];
    tokens.push({ kind, value, position: start });
    return start + match[0].length;
  }
  throw new QueryOptionError('$filter', `unexpected character "${text[start]}" at position ${start}`);
}

/** A date (`2024-05-01`) or date-time (`2024-05-01T10:00:00Z`) literal as an ISO 8601 UTC instant. */
function normaliseDate(literal: string, position: number): string {
  const withTime = literal.includes('T') ? literal : `${literal}T00:00:00`;
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(withTime) ? withTime : `${withTime}Z`;
  const date = new Date(zoned);
  if (Number.isNaN(date.getTime()) || !isCalendarDate(literal)) {
    throw new QueryOptionError('$filter', `"${literal}" at position ${position} is not a valid date; write e.g. 2024-05-01 or 2024-05-01T10:00:00Z`);
  }
  return date.toISOString();
}

/** `new Date` rolls 2024-02-30 over to March; refuse that instead. */
function isCalendarDate(literal: string): boolean {
  const [year, month, day] = literal.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

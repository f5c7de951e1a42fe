import type { LiteralValue } from './filter.ast';
import type { OrderTerm } from './orderby.parser';
import { QueryOptionError } from './query-option.error';

/**
 * The keyset continuation token: the last row's values of every `$orderby` field (the key
 * last), as base64url JSON. The next page starts strictly after that row, so paging never
 * skips or repeats a row while others are inserted, and page N costs what page 1 costs.
 */
export function encodeSkipToken(values: readonly LiteralValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeSkipToken(text: string | undefined, order: readonly OrderTerm[]): LiteralValue[] | undefined {
  if (text === undefined) return undefined;
  const values = decode(text);
  if (!Array.isArray(values) || values.length !== order.length) {
    throw fail('the token does not belong to this $orderby; follow the next link as given');
  }
  order.forEach((term, i) => checkValue(values[i], term));
  return values as LiteralValue[];
}

function decode(text: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(text)) throw fail('the token is malformed; follow the next link as given');
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw fail('the token is malformed; follow the next link as given');
  }
}

function checkValue(value: unknown, term: OrderTerm): void {
  if (value === null && term.field.nullable) return;
  const ok =
    term.field.type === 'string' || term.field.type === 'datetime'
      ? typeof value === 'string' && (term.field.type === 'string' || !Number.isNaN(Date.parse(value)))
      : term.field.type === 'boolean'
        ? typeof value === 'boolean'
        : typeof value === 'number' && Number.isFinite(value);
  if (!ok) throw fail(`the token's value for "${term.field.name}" is not valid; follow the next link as given`);
}

function fail(message: string): QueryOptionError {
  return new QueryOptionError('$skiptoken', message);
}

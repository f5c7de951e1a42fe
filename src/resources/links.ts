import type { QueryOptions } from './odata/query-options';

export type QueryPairs = ReadonlyArray<readonly [string, string | number]>;

/**
 * `?$top=10&$filter=…`: option names stay readable, values are percent-encoded (including
 * commas and spaces), so a URL is safe inside a `Link` header and in JSON.
 */
export function queryString(pairs: QueryPairs): string {
  if (pairs.length === 0) return '';
  return `?${pairs.map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`).join('&')}`;
}

/** The options a follow-up page keeps: the carried ones, then `$top` and the token. */
export function nextPairs(options: QueryOptions, top: number | undefined, token: string): QueryPairs {
  return [...options.carried, ...(top !== undefined ? [['$top', top] as const] : []), ['$skiptoken', token]];
}

export function firstPairs(options: QueryOptions, top: number | undefined): QueryPairs {
  return [...options.carried, ...(top !== undefined ? [['$top', top] as const] : [])];
}

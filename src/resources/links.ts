import type { QueryOptions, RawQuery } from './odata/query-options';

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

/** What a delta link keeps: `$filter`, `$select` and `client_id`, then the token (and a page's cursor). */
export function deltaPairs(options: QueryOptions, token: string, cursor?: string): QueryPairs {
  // An $apply here is one of filters only: a grouping answer has no delta link.
  const kept = options.carried.filter(([name]) => ['$apply', '$filter', '$search', '$select', 'client_id'].includes(name));
  return [...kept, ['$deltatoken', token], ...(cursor ? [['$skiptoken', cursor] as const] : [])];
}

/** `Prefer: odata.track-changes` (OData Part 1 §8.2.8.8), on either mount. */
export function prefersTracking(prefer: string | string[] | undefined): boolean {
  return typeof prefer === 'string' && /(^|[,;\s])odata\.track-changes(\s*(,|;|$))/i.test(prefer);
}

export function hasDeltaToken(query: RawQuery): boolean {
  return Object.keys(query).some((name) => name.toLowerCase() === '$deltatoken');
}

const DEFAULT_RETURN = '/account';

/**
 * Where to send the browser after signing in. Only a same-origin path is accepted (no scheme,
 * no host, no `//` or `/\` that browsers read as another host, no control characters): anything
 * else becomes `/account`, so the login page can never be an open redirect (RFC 9700 §4.11).
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4000) return DEFAULT_RETURN;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return DEFAULT_RETURN;
  if ([...value].some((c) => c <= '\u001f' || c === '\u007f' || c === '\\')) return DEFAULT_RETURN;
  const base = 'http://tessera.invalid';
  const url = new URL(value, base);
  if (url.origin !== base) return DEFAULT_RETURN;
  if (/^\/(login|logout)(\/|$|\?)/.test(url.pathname)) return DEFAULT_RETURN;
  return url.pathname + url.search;
}

const DEFAULT_RETURN = '/account';
const BASE = 'http://tessera.invalid';

/**
 * Where to send the browser after signing in. The value is normalised first (dot segments
 * resolved, as the browser would), then the normalised path is checked and returned exactly as
 * checked: a same-origin path (no scheme, no host, no `//` or `/\` that browsers read as another
 * host, no control characters, not /login or /logout). Anything else becomes `/account`, so the
 * login page can never be an open redirect (RFC 9700 §4.11.2).
 */
export function safeReturnPath(value: unknown): string {
  const normalised = normalise(value);
  return normalised !== null && isSameOriginPath(normalised) && normalise(normalised) === normalised ? normalised : DEFAULT_RETURN;
}

function normalise(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4000 || !isSameOriginPath(value)) return null;
  const url = new URL(value, BASE);
  return url.origin === BASE ? url.pathname + url.search : null;
}

function isSameOriginPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  if ([...path].some((c) => c <= '\u001f' || c === '\u007f' || c === '\\')) return false;
  return !/^\/(login|logout)(\/|$|\?)/.test(path);
}

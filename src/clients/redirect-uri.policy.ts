/** What a deployment allows beyond the rule (DAS's example registers http://tempuri.org/…). */
export interface RedirectUriOptions {
  readonly allowHttp: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const REFUSED_SCHEMES = new Set(['javascript', 'data', 'vbscript', 'file', 'blob', 'about']);

/**
 * Why a URI cannot be registered as a redirect or post-logout redirect URI, or null (issue 11,
 * F13). Allowed: https; http on a loopback host (RFC 8252 §7.3; any http with `allowHttp`); a
 * native app's private-use scheme in reverse-domain form, e.g. `com.example.app:/cb` (RFC 8252
 * §7.1). Never a fragment (RFC 6749 §3.1.2), a wildcard (matching is whole-string, RFC 9700
 * §4.1.3) or a script, data or file scheme.
 */
export function redirectUriProblem(uri: string, options: RedirectUriOptions): string | null {
  if (/\s/.test(uri)) return `"${uri}" contains white space`;
  if (uri.includes('#')) return `"${uri}" has a fragment (#…), which a redirect URI must not have`;
  if (uri.includes('*')) return `"${uri}" has a wildcard: register each redirect URI in full`;
  const url = parsed(uri);
  if (!url) return `"${uri}" is not an absolute URI, e.g. https://app.example.com/callback`;
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'https') return null;
  if (scheme === 'http')
    return options.allowHttp || LOOPBACK_HOSTS.has(url.hostname)
      ? null
      : `"${uri}" uses plain http: use https, or http on 127.0.0.1, [::1] or localhost`;
  if (REFUSED_SCHEMES.has(scheme)) return `"${uri}" uses the ${scheme}: scheme, which is never a redirect URI`;
  if (!scheme.includes('.'))
    return `"${uri}" uses a custom scheme without a dot: a native app's scheme is a reversed domain name it owns, e.g. com.example.app:/callback`;
  return null;
}

function parsed(uri: string): URL | null {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

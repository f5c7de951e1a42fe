import type { FastifyRequest } from 'fastify';

/**
 * True when the browser says the request comes from a page of `origin` (OWASP CSRF Cheat Sheet,
 * "Verifying origin with standard headers"; Fetch §3.1 `Sec-Fetch-Site`). `Origin` decides when it
 * names an origin; browsers send `Origin: null` or none at all in some same-origin cases (e.g.
 * under a no-referrer policy), and then `Sec-Fetch-Site` must say `same-origin`. A request that
 * carries neither (not a browser, or a very old one) does not count as same-origin.
 */
export function isSameOrigin(request: FastifyRequest, origin: string): boolean {
  const presented = request.headers.origin;
  if (presented && presented !== 'null') return presented === origin;
  return request.headers['sec-fetch-site'] === 'same-origin';
}

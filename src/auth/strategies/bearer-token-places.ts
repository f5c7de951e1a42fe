import type { FastifyRequest } from 'fastify';
import { InvalidBearerRequest } from '../../common/errors/api-error';

/**
 * Where a bearer credential (access token or API key) may travel (F18): the Authorization header
 * (RFC 6750 §2.1), or the `access_token` field of a form-encoded POST body (§2.2) on a route that
 * takes forms. Never the URL (§2.3 is refused: RFC 9700 §4.3.2, OAuth 2.1 §5.2, FAPI 2.0 §5.3.4):
 * history, proxies, Referer headers and saved Excel queries keep URLs.
 */
const TOKEN_IN_URL =
  'An access token or API key is accepted in the Authorization header only, never in the URL: send "Authorization: Bearer <token>" and remove access_token from the query';

const MORE_THAN_ONE_WAY = 'Send the access token in one way only: the Authorization header or the form body, not both';

/** Throws when the query string carries `access_token` (its name percent-encoded or not). */
export function refuseTokenInUrl(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown> | undefined;
  if (query && query.access_token !== undefined) throw new InvalidBearerRequest(TOKEN_IN_URL);
}

/**
 * What passport-http-bearer may read: the headers, and the body only when it is a form (§2.2).
 * It never sees the query, and a JSON field named `access_token` is data, not a credential.
 */
export function bearerView(request: FastifyRequest): { headers: FastifyRequest['headers']; body?: unknown } {
  const token = formBodyToken(request);
  if (token === undefined) return { headers: request.headers };
  if (request.headers.authorization) throw new InvalidBearerRequest(MORE_THAN_ONE_WAY);
  return { headers: request.headers, body: { access_token: token } };
}

function formBodyToken(request: FastifyRequest): unknown {
  if (request.method === 'GET' || !request.headers['content-type']?.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return undefined;
  return (request.body as Record<string, unknown> | undefined)?.access_token;
}

import type { FastifyRequest } from 'fastify';
import { InvalidRequest } from './errors/oauth-error';

export type OAuthParameters = Readonly<Record<string, string>>;

/** Parameters that carry a secret: never accepted from the URL unless the deployment allows it. */
const SECRET_PARAMETERS = [
  'client_secret',
  'password',
  'code',
  'code_verifier',
  'refresh_token',
  'token',
  'access_token',
  'client_assertion',
  'otp',
];

/**
 * The request's OAuth parameters from the form body. RFC 6749 §3.2 / §2.3.1: credentials go in
 * the body, so URL parameters are refused (they end up in logs and proxies) unless
 * OAUTH_ALLOW_QUERY_CREDENTIALS=true (netrex's clients send everything in the query); then the body wins.
 * RFC 6749 §3.1: a parameter must not be sent more than once.
 */
export function collectParameters(request: FastifyRequest, allowQuery: boolean): OAuthParameters {
  const query = flatten(request.query, 'query');
  const body = flatten(request.body, 'body');
  const inQuery = Object.keys(query);
  if (inQuery.length > 0 && !allowQuery) {
    const secrets = inQuery.filter((name) => SECRET_PARAMETERS.includes(name));
    const what = secrets.length > 0 ? `credentials (${secrets.join(', ')})` : `parameters (${inQuery.join(', ')})`;
    throw new InvalidRequest(`Send the ${what} in the application/x-www-form-urlencoded request body, not in the URL query string`);
  }
  return Object.freeze({ ...(allowQuery ? query : {}), ...body });
}

function flatten(source: unknown, where: string): Record<string, string> {
  if (!source || typeof source !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new InvalidRequest(`The parameter "${name}" was sent more than once in the ${where}`);
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'object') throw new InvalidRequest(`The parameter "${name}" must be a string`);
    out[name] = String(value);
  }
  return out;
}

export function required(params: OAuthParameters, name: string): string {
  const value = params[name];
  if (!value) throw new InvalidRequest(`The parameter "${name}" is required`);
  return value;
}

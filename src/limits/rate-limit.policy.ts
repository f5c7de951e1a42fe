import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { TesseraConfig } from '../config/tessera-config';

/** One limit: which requests it covers, how many per window, and whom it counts (IP and client). */
export interface RateLimitPolicy {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  matches(method: string, path: string): boolean;
  /** The counters this request adds to, e.g. `ip:127.0.0.1` and `client:app-1`. */
  trackers(request: FastifyRequest): string[];
}

const MINUTE = 60_000;
const TOKEN_PATHS = /^\/(oauth2\/token|authorization\/token)\/?$/;
const LOGIN_PATHS = /^\/(consumer\/login|consumer\/register|login)\/?$/;
const API_PATHS = /^\/(api\/database|odata)\//;

/** The limits of DESIGN §10 / issue 7: token endpoint, logins, resource API; per IP and per client. */
export function rateLimitPolicies(config: TesseraConfig): RateLimitPolicy[] {
  const limits = config.rateLimits;
  return [
    policy('token', limits.tokenPerMinute, (m, p) => m === 'POST' && TOKEN_PATHS.test(p), (r) => [ip(r), `client:${clientIdOf(r)}`]),
    policy('login', limits.loginPerMinute, (m, p) => m === 'POST' && LOGIN_PATHS.test(p), (r) => [ip(r), `user:${bodyField(r, 'username')}`]),
    policy('api', limits.apiPerMinute, (_m, p) => API_PATHS.test(p), (r) => [ip(r), `credential:${credentialOf(r)}`]),
  ];
}

function policy(name: string, limit: number, matches: RateLimitPolicy['matches'], trackers: RateLimitPolicy['trackers']): RateLimitPolicy {
  return { name, limit, windowMs: MINUTE, matches, trackers };
}

const ip = (request: FastifyRequest) => `ip:${request.ip}`;

function bodyField(request: FastifyRequest, name: string): string {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value.slice(0, 128) : '-';
}

/** The client a token request is for: from Basic (client_secret_basic) or the body's client_id. */
function clientIdOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    return safeDecode(decoded.split(':')[0] ?? '').slice(0, 128) || '-';
  }
  return bodyField(request, 'client_id');
}

/** RFC 6749 §2.3.1 form-encodes the client id in Basic; a malformed escape is kept as sent, never thrown. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** A short digest of the credential, so the counter is per key or token without keeping it. */
function credentialOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) return 'anonymous';
  return createHash('sha256').update(header).digest('base64url').slice(0, 22);
}

import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { clientCredentialsOf } from '../common/basic-credentials';
import type { TesseraConfig } from '../config/tessera-config';
import type { RateLimitPolicyName } from './rate-limit.decorator';

/** One limit: how many requests per window, and whom it counts (IP and client, user or credential). */
export interface RateLimitPolicy {
  readonly name: RateLimitPolicyName;
  readonly limit: number;
  readonly windowMs: number;
  /** The counters this request adds to, e.g. `ip:127.0.0.1` and `client:app-1`. */
  trackers(request: FastifyRequest): string[];
}

const MINUTE = 60_000;

/**
 * The rate limits, by name (numbers and rules: docs/security.md, "Rate limits"); routes choose theirs with `@RateLimit`. `token`
 * covers every endpoint that checks a client secret (token, revocation, introspection), so one
 * budget per client and per IP holds however the guesses are spread.
 */
export function rateLimitPolicies(config: TesseraConfig): ReadonlyMap<RateLimitPolicyName, RateLimitPolicy> {
  const limits = config.rateLimits;
  return new Map([
    policy('token', limits.tokenPerMinute, (r) => [ip(r), ...counted('client', clientIdOf(r))]),
    policy('login', limits.loginPerMinute, (r) => [ip(r), ...counted('user', bodyField(r, 'username'))]),
    policy('api', limits.apiPerMinute, (r) => [ip(r), `credential:${credentialOf(r)}`]),
  ]);
}

function policy(name: RateLimitPolicyName, limit: number, trackers: RateLimitPolicy['trackers']): [RateLimitPolicyName, RateLimitPolicy] {
  return [name, { name, limit, windowMs: MINUTE, trackers }];
}

const ip = (request: FastifyRequest) => `ip:${request.ip}`;

/** A per-client (per-user) counter only when the request names one: anonymous requests share no bucket. */
function counted(kind: string, who: string | null): string[] {
  return who ? [`${kind}:${who.slice(0, 128)}`] : [];
}

function bodyField(request: FastifyRequest, name: string): string | null {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The client a request is for: from Basic (client_secret_basic) or the body's client_id. */
function clientIdOf(request: FastifyRequest): string | null {
  const basic = clientCredentialsOf(request.headers.authorization);
  return basic ? basic.userId || null : bodyField(request, 'client_id');
}

/** A short digest of the credential, so the counter is per key or token without keeping it. */
function credentialOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) return 'anonymous';
  return createHash('sha256').update(header).digest('base64url').slice(0, 22);
}

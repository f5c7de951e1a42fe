import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { basicCredentialsOf, keyFromBasic } from '../common/basic-credentials';
import type { TesseraConfig } from '../config/tessera-config';
import { clientNetwork } from './client-network';
import type { RateLimitPolicyName } from './rate-limit.decorator';

/**
 * One limit: how many requests per window, and whom it counts (IP and client, or credential). The
 * per-name budget of a person's password (F24) is not here: a request's spelling of the name is not
 * the name checked, so Budgets charges it where the password is checked (review 3, B1); nor is the
 * per-client one of `token`: only a client that proved its secret is counted as that client (B2).
 */
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
    policy('token', limits.tokenPerMinute, (r) => [ip(r)]),
    policy('login', limits.loginPerMinute, (r) => [ip(r)]),
    policy('api', limits.apiPerMinute, (r) => [ip(r), `credential:${credentialOf(r)}`]),
  ]);
}

/** The `login` policy's per-name counter (`login:user:<digest>`), which Budgets charges for every password check. */
export const PERSON_BUDGET: RateLimitPolicyName = 'login';

/**
 * The per-name counter's key: a digest of the name, never the name itself (a secret typed as a
 * user name, an API key in a Basic dialog, must not sit in Redis: review R23).
 */
export function personTracker(name: string): string {
  return `user:${createHash('sha256').update(name).digest('base64url').slice(0, 22)}`;
}

function policy(name: RateLimitPolicyName, limit: number, trackers: RateLimitPolicy['trackers']): [RateLimitPolicyName, RateLimitPolicy] {
  return [name, { name, limit, windowMs: MINUTE, trackers }];
}

/** Per client network: an IPv4 address, an IPv6 /64 (R22). */
const ip = (request: FastifyRequest) => `ip:${clientNetwork(request.ip)}`;

/** A short digest of the credential, so the counter is per key or token without keeping it. */
function credentialOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) return 'anonymous';
  return createHash('sha256').update(oneSpellingOf(header)).digest('base64url').slice(0, 22);
}

/**
 * One text per credential, however the header spells it (review 3, B3): a JWT by its signed part
 * (an ES256 signature also verifies with n − S, and base64url has spare bits); a key or personal
 * access token by itself, whichever scheme and Basic form carries it (`Bearer k`, `Reference k`,
 * `Basic :k`, `apikey:k` in any case, `k:`); a person's Basic by what it decodes to. Unverified, as
 * the guard runs first: a forged token counts under its own claims and is refused after.
 */
function oneSpellingOf(header: string): string {
  const jwt = /^bearer +([\w-]+\.[\w-]+)\.[\w-]+\s*$/i.exec(header);
  if (jwt) return `signed ${jwt[1]}`;
  const basic = basicCredentialsOf(header);
  if (basic) {
    const key = keyFromBasic(basic);
    return key === null ? `person ${basic.userId}:${basic.password}` : `value ${key}`;
  }
  const value = /^\S+ +(\S+)\s*$/.exec(header);
  return value ? `value ${value[1]}` : `header ${header}`;
}

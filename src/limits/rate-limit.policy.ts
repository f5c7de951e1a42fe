import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { basicCredentialsOf, clientCredentialsOf } from '../common/basic-credentials';
import type { TesseraConfig } from '../config/tessera-config';
import { clientNetwork } from './client-network';
import type { RateLimitPolicyName } from './rate-limit.decorator';

/** One limit: how many requests per window, and whom it counts (IP and client, user or credential). */
export interface RateLimitPolicy {
  readonly name: RateLimitPolicyName;
  readonly limit: number;
  readonly windowMs: number;
  /** The counters this request adds to, e.g. `ip:127.0.0.1` and `client:app-1`. */
  trackers(request: FastifyRequest): string[];
  /**
   * The person whose password this request checks, if any: counted in the `login` budget per name
   * (`login:user:<name>`), which every channel that checks a person's password shares (F24).
   */
  personName?(request: FastifyRequest): string | null;
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
    policy('token', limits.tokenPerMinute, (r) => [ip(r), ...counted('client', clientIdOf(r))], passwordGrantUser),
    policy(
      'login',
      limits.loginPerMinute,
      (r) => [ip(r)],
      (r) => bodyField(r, 'username'),
    ),
    policy('api', limits.apiPerMinute, (r) => [ip(r), `credential:${credentialOf(r)}`], basicPersonOf(config)),
  ]);
}

/**
 * For a route with no policy of its own: a person's password sent as Basic (only checked with
 * ALLOW_BASIC_PASSWORD) still counts in that person's per-name budget (F24); null when it cannot.
 */
export function personOnlyPolicy(config: TesseraConfig, budget: RateLimitPolicy): RateLimitPolicy | null {
  const personName = basicPersonOf(config);
  return personName ? { ...budget, trackers: () => [], personName } : null;
}

/** `Basic user:password` names a person whose password is checked only when ALLOW_BASIC_PASSWORD is on; else nothing is counted. */
function basicPersonOf(config: TesseraConfig): RateLimitPolicy['personName'] {
  return config.allowBasicPassword ? basicPerson : undefined;
}

/** The `login` policy's per-name counter, which `personName` feeds from every policy. */
export const PERSON_BUDGET: RateLimitPolicyName = 'login';

/**
 * The per-name counter's key: a digest of the name, never the name itself (a secret typed as a
 * user name, an API key in a Basic dialog, must not sit in Redis: review R23).
 */
export function personTracker(name: string): string {
  return `user:${createHash('sha256').update(name).digest('base64url').slice(0, 22)}`;
}

function policy(
  name: RateLimitPolicyName,
  limit: number,
  trackers: RateLimitPolicy['trackers'],
  personName?: RateLimitPolicy['personName'],
): [RateLimitPolicyName, RateLimitPolicy] {
  return [name, { name, limit, windowMs: MINUTE, trackers, personName }];
}

/** The password grant names the person whose password it checks. */
function passwordGrantUser(request: FastifyRequest): string | null {
  return bodyField(request, 'grant_type') === 'password' ? bodyField(request, 'username') : null;
}

/** `Basic user:password` on the API, when it is a person's password (not one of the API-key forms). */
function basicPerson(request: FastifyRequest): string | null {
  const credentials = basicCredentialsOf(request.headers.authorization);
  if (!credentials || !credentials.userId || !credentials.password || credentials.userId.toLowerCase() === 'apikey') return null;
  return credentials.userId;
}

/** Per client network: an IPv4 address, an IPv6 /64 (R22). */
const ip = (request: FastifyRequest) => `ip:${clientNetwork(request.ip)}`;

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

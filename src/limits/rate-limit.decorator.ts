import { SetMetadata } from '@nestjs/common';

/** The rate limits' names (numbers in `rateLimitPolicies`, docs/security.md). */
export type RateLimitPolicyName = 'token' | 'login' | 'api';

export const RATE_LIMIT_POLICY = 'tessera:rateLimitPolicy';

/**
 * The limit a route counts against, read by the RateLimitGuard from the matched route (rule 3 of
 * issue 11): a percent-encoded or otherwise re-spelled path reaches the same route, so the same
 * limit. A route without one is not limited.
 */
export const RateLimit = (policy: RateLimitPolicyName) => SetMetadata(RATE_LIMIT_POLICY, policy);

import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { routeMetadata } from '../common/route-metadata';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { RateLimitCounter } from './rate-limit.counter';
import { RATE_LIMIT_POLICY, RateLimitPolicyName } from './rate-limit.decorator';
import { RateLimitPolicy, rateLimitPolicies } from './rate-limit.policy';
import { TooManyRequests } from './too-many-requests.error';

interface Count {
  /** The policy whose counter is the tightest: the one the headers describe. */
  policy: RateLimitPolicy;
  remaining: number;
  resetSeconds: number;
}

/**
 * Runs before authentication. The policy is the matched route's `@RateLimit` (never the URL read
 * again: a percent-encoded path reaches the same route and so the same limit). Each request covered by a policy adds one hit to each of its
 * counters (per IP, per client); the tightest decides. Counters live in Redis when REDIS_URL is
 * set (shared by every instance), in memory otherwise. Answers carry the IETF `RateLimit` and
 * `RateLimit-Policy` headers (draft-ietf-httpapi-ratelimit-headers), 429s a `Retry-After`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly policies: ReadonlyMap<RateLimitPolicyName, RateLimitPolicy>;

  constructor(
    private readonly counter: RateLimitCounter,
    private readonly reflector: Reflector,
    @Inject(TESSERA_CONFIG) config: TesseraConfig,
  ) {
    this.policies = rateLimitPolicies(config);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const name = routeMetadata<RateLimitPolicyName>(this.reflector, RATE_LIMIT_POLICY, context.getHandler(), context.getClass());
    const policy = name ? this.policies.get(name) : undefined;
    return policy ? this.limit(policy, context) : true;
  }

  private async limit(policy: RateLimitPolicy, context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const count = await this.count(policy, request);
    const headers = rateLimitHeaders(count);
    if (count.remaining < 0) throw new TooManyRequests(count.resetSeconds, headers);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    return true;
  }

  /** The request's counters (per IP, per client or credential); the tightest decides. */
  private async count(policy: RateLimitPolicy, request: FastifyRequest): Promise<Count> {
    const trackers = policy.trackers(request);
    const windows = await Promise.all(trackers.map((tracker) => this.counter.increment(`${policy.name}:${tracker}`, policy.windowMs)));
    const tightest = windows.reduce((a, b) => (b.hits > a.hits ? b : a));
    return { policy, remaining: policy.limit - tightest.hits, resetSeconds: Math.max(1, Math.ceil(tightest.resetMs / 1000)) };
  }
}

function rateLimitHeaders({ policy, ...count }: Count): Record<string, string> {
  const remaining = Math.max(0, count.remaining);
  return {
    'RateLimit-Policy': `"${policy.name}";q=${policy.limit};w=${policy.windowMs / 1000}`,
    RateLimit: `"${policy.name}";r=${remaining};t=${count.resetSeconds}`,
    'RateLimit-Limit': String(policy.limit),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(count.resetSeconds),
  };
}

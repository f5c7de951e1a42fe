import { Inject, Injectable, Optional } from '@nestjs/common';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import type { RateLimitPolicyName } from './rate-limit.decorator';
import { RateLimitCounter } from './rate-limit.counter';
import { PERSON_BUDGET, personTracker } from './rate-limit.policy';
import { TooManyRequests } from './too-many-requests.error';

const MINUTE = 60_000;

/**
 * The budgets a request's own fields cannot be trusted to key, charged where the credential they
 * bound is known (review 3): a person's name once her password is about to be checked, whatever
 * the channel or the request's spelling of the name (B1); a client once it has authenticated with
 * its secret, so wrong secrets sent with its id cannot spend it (B2). RateLimitGuard counts the
 * rest (per IP, per API credential) before authentication. Without rate limits (RATE_LIMITS=off)
 * nothing is counted.
 */
@Injectable()
export class Budgets {
  constructor(
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    @Optional() private readonly counter?: RateLimitCounter,
  ) {}

  /** One more check of `name`'s password (F24): 429 when the name's `login` budget for the minute is spent. */
  person(name: string): Promise<void> {
    return this.charge(PERSON_BUDGET, personTracker(name), (limits) => limits.loginPerMinute);
  }

  /** One more request of a client that proved its secret: 429 when its `token` budget for the minute is spent. */
  client(clientId: string): Promise<void> {
    return this.charge('token', `client:${clientId.slice(0, 128)}`, (limits) => limits.tokenPerMinute);
  }

  private async charge(
    policy: RateLimitPolicyName,
    tracker: string,
    limitOf: (limits: TesseraConfig['rateLimits']) => number,
  ): Promise<void> {
    if (!this.counter) return;
    const limit = limitOf(this.config.rateLimits);
    const window = await this.counter.increment(`${policy}:${tracker}`, MINUTE);
    if (window.hits <= limit) return;
    const reset = Math.max(1, Math.ceil(window.resetMs / 1000));
    throw new TooManyRequests(reset, { 'RateLimit-Policy': `"${policy}";q=${limit};w=60`, RateLimit: `"${policy}";r=0;t=${reset}` });
  }
}

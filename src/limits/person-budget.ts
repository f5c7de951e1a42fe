import { Inject, Injectable, Optional } from '@nestjs/common';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { RateLimitCounter } from './rate-limit.counter';
import { PERSON_BUDGET, personTracker } from './rate-limit.policy';
import { TooManyRequests } from './too-many-requests.error';

const MINUTE = 60_000;

/**
 * The per-name `login` budget (F24), for a channel that learns only once the client is looked up
 * that it is about to check a person's password: a person's name and password sent as client
 * credentials (review R20). The RateLimitGuard charges the same counter for the channels it can
 * tell from the request alone. Without rate limits (RATE_LIMITS=off) it counts nothing.
 */
@Injectable()
export class PersonBudget {
  constructor(
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    @Optional() private readonly counter?: RateLimitCounter,
  ) {}

  /** One more password check for `name`; 429 when its budget for the minute is spent. */
  async charge(name: string): Promise<void> {
    if (!this.counter) return;
    const limit = this.config.rateLimits.loginPerMinute;
    const window = await this.counter.increment(`${PERSON_BUDGET}:${personTracker(name)}`, MINUTE);
    if (window.hits <= limit) return;
    const reset = Math.max(1, Math.ceil(window.resetMs / 1000));
    throw new TooManyRequests(reset, {
      'RateLimit-Policy': `"${PERSON_BUDGET}";q=${limit};w=60`,
      RateLimit: `"${PERSON_BUDGET}";r=0;t=${reset}`,
    });
  }
}

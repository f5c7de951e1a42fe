import { Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimitCounter, WindowCount } from './rate-limit.counter';

const KEY_PREFIX = 'tessera:rate:';

// One round trip, atomic: count the hit and start the window on the first one.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }`;

/**
 * Counters in Redis, shared by every instance. When Redis cannot be reached the
 * request is let through and a warning logged: rate limiting is a defence in depth, and an
 * outage of it must not take the API down with it.
 */
export class RedisCounter extends RateLimitCounter implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisCounter.name);
  private readonly redis: Redis;
  private lastWarning = 0;

  constructor(url: string) {
    super();
    this.redis = new Redis(url, { maxRetriesPerRequest: 1 });
    this.redis.on('error', (error: Error) => this.warn(error));
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    try {
      const [hits, ttl] = (await this.redis.eval(INCREMENT, 1, KEY_PREFIX + key, windowMs)) as [number, number];
      return { hits, resetMs: ttl };
    } catch (error) {
      this.warn(error as Error);
      return { hits: 0, resetMs: windowMs };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`Rate-limit counters unavailable (requests are let through): ${error.message}`);
  }
}

import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';

const PING_TIMEOUT_MS = 1000;

/**
 * Redis in readiness when REDIS_URL is set: an instance that cannot reach it would miss other
 * instances' revocations for up to a poll and count rate limits alone. Its own connection, so a
 * busy subscriber never delays the answer; no offline queue, so a ping fails at once when Redis is gone.
 */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly redis: Redis | null;

  constructor(
    @Inject(TESSERA_CONFIG) config: TesseraConfig,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, {
          lazyConnect: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          connectTimeout: PING_TIMEOUT_MS,
        })
      : null;
    this.redis?.on('error', () => undefined); // reported by the check, not logged on every retry
  }

  get configured(): boolean {
    return this.redis !== null;
  }

  async check() {
    const indicator = this.indicators.check('redis');
    try {
      if (this.redis!.status === 'wait') await this.redis!.connect();
      await withTimeout(this.redis!.ping(), PING_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'no answer' });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis!.disconnect());
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { TesseraConfig } from '../config/tessera-config';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * Rate limits (issue 7). Registered before the AuthModule so its guard runs first; absent
 * altogether with RATE_LIMITS=off (benchmarks).
 */
@Module({})
export class LimitsModule {
  static forRoot(config: TesseraConfig): DynamicModule {
    if (!config.rateLimits.enabled) return { module: LimitsModule };
    const storage = config.redisUrl
      ? { provide: ThrottlerStorage, useFactory: () => new ThrottlerStorageRedisService(config.redisUrl!) }
      : { provide: ThrottlerStorage, useClass: ThrottlerStorageService };
    return { module: LimitsModule, providers: [storage, { provide: APP_GUARD, useClass: RateLimitGuard }] };
  }
}

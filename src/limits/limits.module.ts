import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { TesseraConfig } from '../config/tessera-config';
import { MemoryCounter } from './memory.counter';
import { Budgets } from './budgets';
import { RateLimitCounter } from './rate-limit.counter';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisCounter } from './redis.counter';

/**
 * Rate limits (issue 7). Registered before the AuthModule so its guard runs first; absent
 * altogether with RATE_LIMITS=off (benchmarks).
 */
@Module({})
export class LimitsModule {
  static forRoot(config: TesseraConfig): DynamicModule {
    const shared = { module: LimitsModule, global: true, providers: [Budgets], exports: [Budgets] };
    if (!config.rateLimits.enabled) return shared;
    const counter = config.redisUrl
      ? { provide: RateLimitCounter, useFactory: () => new RedisCounter(config.redisUrl!) }
      : { provide: RateLimitCounter, useClass: MemoryCounter };
    return { ...shared, providers: [counter, Budgets, { provide: APP_GUARD, useClass: RateLimitGuard }] };
  }
}

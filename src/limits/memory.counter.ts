import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { RateLimitCounter, WindowCount } from './rate-limit.counter';

const SWEEP_INTERVAL_MS = 60_000;

/** Counters in this process's memory (no Redis): correct for one instance, forgotten on restart. */
@Injectable()
export class MemoryCounter extends RateLimitCounter implements OnApplicationShutdown {
  private readonly windows = new Map<string, { hits: number; resetAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { hits: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return { hits: window.hits, resetMs: window.resetAt - now };
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  private sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

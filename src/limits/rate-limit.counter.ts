/** What a counter says after one more hit: hits in the current window and when the window ends. */
export interface WindowCount {
  hits: number;
  resetMs: number;
}

/**
 * Fixed-window hit counters, one per key. In memory for a single instance, in Redis when
 * REDIS_URL is set so every instance adds to the same counters.
 */
export abstract class RateLimitCounter {
  abstract increment(key: string, windowMs: number): Promise<WindowCount>;
}

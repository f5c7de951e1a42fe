interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A small in-process read-through cache whose entries live at most `ttlMs` (what other
 * instances change must be seen within 1 s). `clear()` drops everything at once, and a value that
 * was being loaded while `clear()` ran is handed to its caller but never stored, so an
 * invalidation cannot be undone by a read that started before it. Absent values are not cached.
 */
export class ShortLivedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V | null>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or loads it; concurrent misses for one key share one load. */
  getOrLoad(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return Promise.resolve(entry.value);
    if (entry) this.entries.delete(key);
    return this.loading.get(key) ?? this.startLoad(key, load);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  private startLoad(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const generation = this.generation;
    const promise = load().then(
      (value) => {
        if (generation !== this.generation) return value;
        this.loading.delete(key);
        if (value !== null) this.store(key, value);
        return value;
      },
      (error: unknown) => {
        if (generation === this.generation) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  private store(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }
}

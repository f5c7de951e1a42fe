import { ShortLivedCache } from './short-lived-cache';

describe(ShortLivedCache.name, () => {
  let clock: number;
  let cache: ShortLivedCache<string>;
  let loads: number;
  const load = (value: string | null) => async () => {
    loads++;
    return value;
  };

  beforeEach(() => {
    clock = 1_000;
    loads = 0;
    cache = new ShortLivedCache<string>(1_000, 3, () => clock);
  });

  it('serves a loaded value until its time to live has passed', async () => {
    expect(await cache.getOrLoad('a', load('one'))).toBe('one');
    clock += 999;
    expect(await cache.getOrLoad('a', load('two'))).toBe('one');
    clock += 1;
    expect(await cache.getOrLoad('a', load('three'))).toBe('three');
    expect(loads).toBe(2);
  });

  it('never caches an absent value', async () => {
    expect(await cache.getOrLoad('a', load(null))).toBeNull();
    expect(await cache.getOrLoad('a', load('now'))).toBe('now');
  });

  it('forgets everything on clear', async () => {
    await cache.getOrLoad('a', load('old'));
    cache.clear();
    expect(await cache.getOrLoad('a', load('new'))).toBe('new');
  });

  it('shares one load between concurrent misses of a key', async () => {
    const results = await Promise.all([cache.getOrLoad('a', load('x')), cache.getOrLoad('a', load('y'))]);
    expect(results).toEqual(['x', 'x']);
    expect(loads).toBe(1);
  });

  it('does not keep a value whose load started before a clear', async () => {
    let finish!: (value: string) => void;
    const pending = cache.getOrLoad('a', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.clear();
    finish('stale');
    expect(await pending).toBe('stale');
    expect(await cache.getOrLoad('a', load('fresh'))).toBe('fresh');
  });

  it('drops the oldest entry when full', async () => {
    for (const key of ['a', 'b', 'c', 'd']) await cache.getOrLoad(key, load(key));
    expect(cache.size).toBe(3);
    expect(await cache.getOrLoad('a', load('reloaded'))).toBe('reloaded');
  });

  it('lets a failed load be retried', async () => {
    await expect(cache.getOrLoad('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('a', load('up'))).toBe('up');
  });
});

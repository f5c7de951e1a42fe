import { MemoryCounter } from './memory.counter';

describe(MemoryCounter.name, () => {
  it('counts hits per key within a window and starts again when the window ends', async () => {
    const counter = new MemoryCounter();
    expect((await counter.increment('a', 50)).hits).toBe(1);
    expect((await counter.increment('a', 50)).hits).toBe(2);
    expect((await counter.increment('b', 50)).hits).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const fresh = await counter.increment('a', 50);
    expect(fresh.hits).toBe(1);
    expect(fresh.resetMs).toBeLessThanOrEqual(50);
    counter.onApplicationShutdown();
  });
});

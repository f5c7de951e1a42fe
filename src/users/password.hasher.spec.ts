import { hashConcurrency, PasswordHasher } from './password.hasher';

describe(PasswordHasher.name, () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at the OWASP parameters and never keeps the plaintext', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain('correct horse');
  });

  it('salts each hash', async () => {
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('s3cret-passw0rd');
    await expect(hasher.verify(stored, 's3cret-passw0rd')).resolves.toBe(true);
    await expect(hasher.verify(stored, 's3cret-passw0rD')).resolves.toBe(false);
  });

  it('refuses when there is no hash, or a malformed one', async () => {
    await expect(hasher.verify(null, 'anything')).resolves.toBe(false);
    await expect(hasher.verify('not-a-hash', 'anything')).resolves.toBe(false);
  });

  it('leaves half of the thread pool to other work, and at least one thread to hashes', () => {
    expect(hashConcurrency(4)).toBe(2);
    expect(hashConcurrency(16)).toBe(8);
    expect(hashConcurrency(1)).toBe(1);
  });

  it('with a limit of one hash at a time, a verify of an unknown name does not wait on a slot it holds (no deadlock)', async () => {
    const previous = process.env.UV_THREADPOOL_SIZE;
    process.env.UV_THREADPOOL_SIZE = '1';
    try {
      const single = new PasswordHasher();
      const stored = await single.hash('one at a time');
      const results = await Promise.all([single.verify(null, 'x'), single.verify(stored, 'one at a time'), single.verify(null, 'y')]);
      expect(results).toEqual([false, true, false]);
    } finally {
      if (previous === undefined) delete process.env.UV_THREADPOOL_SIZE;
      else process.env.UV_THREADPOOL_SIZE = previous;
    }
  });
});

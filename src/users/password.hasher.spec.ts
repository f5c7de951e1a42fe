import { PasswordHasher } from './password.hasher';

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
});

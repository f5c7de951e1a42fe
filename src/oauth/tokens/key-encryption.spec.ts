import { KeyEncryption } from './key-encryption';

describe(KeyEncryption.name, () => {
  it('round-trips and refuses another secret or a tampered text', () => {
    const sealed = new KeyEncryption('first-secret-value').encrypt('-----BEGIN PRIVATE KEY-----');
    expect(sealed).not.toContain('PRIVATE');
    expect(new KeyEncryption('first-secret-value').decrypt(sealed)).toBe('-----BEGIN PRIVATE KEY-----');
    expect(() => new KeyEncryption('other-secret-value').decrypt(sealed)).toThrow();
    expect(() => new KeyEncryption('first-secret-value').decrypt(`${sealed.slice(0, -2)}AA`)).toThrow();
  });
});

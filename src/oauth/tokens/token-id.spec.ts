import { issuedAtMsOf, newTokenId } from './token-id';

describe('token ids', () => {
  it('carries the issue time to the millisecond in a UUIDv7', () => {
    const at = Date.UTC(2026, 11, 3, 16, 30, 0, 123);
    const id = newTokenId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(issuedAtMsOf(id)).toBe(at);
  });

  it('gives two tokens of the same millisecond different ids', () => {
    expect(newTokenId(1)).not.toBe(newTokenId(1));
  });

  it('gives distinct, well-formed ids across refills of its random pool', () => {
    const ids = Array.from({ length: 1000 }, () => newTokenId(Date.UTC(2026, 11, 3)));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(issuedAtMsOf(id)).toBe(Date.UTC(2026, 11, 3));
    const randomParts = new Set(ids.map((id) => id.slice(15)));
    expect(randomParts.size).toBe(1000);
  });

  it('knows no time for a jti that is not a UUIDv7', () => {
    expect(issuedAtMsOf('mUoJ0cQ2pJ4bP2rH9oQxWw')).toBeNull();
    expect(issuedAtMsOf('0190f3c4-1a2b-4c3d-8e4f-0123456789ab')).toBeNull();
  });
});

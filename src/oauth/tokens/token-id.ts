import { randomFillSync } from 'node:crypto';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A token's `jti` as a UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits.
 * The milliseconds are when the token's credentials were checked; revocation compares them with
 * a client's or user's not-before time, which `iat` (whole seconds) is too coarse for.
 */
export function newTokenId(issuedAtMs: number): string {
  const bytes = nextRandom16();
  bytes.writeUIntBE(issuedAtMs, 0, 6);
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * 16 random bytes from a pool refilled 256 ids at a time, as `crypto.randomUUID()` does: one
 * `randomBytes(16)` per token was a separate call into the CSPRNG (3 % of the token endpoint's
 * profile, issue 16). The `jti` is an identifier, not a secret; the bytes are the same CSPRNG's.
 */
const POOL_BYTES = 16 * 256;
let pool = Buffer.alloc(0);
let offset = 0;

function nextRandom16(): Buffer {
  if (offset >= pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/** The milliseconds a UUIDv7 `jti` carries, or null for any other `jti` (a token issued before issue 16). */
export function issuedAtMsOf(jti: string): number | null {
  if (!UUID_V7.test(jti)) return null;
  return parseInt(jti.slice(0, 8) + jti.slice(9, 13), 16);
}

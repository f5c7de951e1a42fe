import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new high-entropy secret: 256 random bits, base64url, with an optional recognisable prefix. */
export function generateSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 hex digest: how high-entropy secrets are stored (they need no slow hash: docs/decisions.md). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares two strings in constant time (for values that are not already hashed lookups). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

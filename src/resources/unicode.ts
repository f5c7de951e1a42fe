/** An unpaired UTF-16 surrogate, or U+0000. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is refused
const UNSTORABLE = /[\p{Cs}\u0000]/u;

/**
 * False for text no database keeps alike: an unpaired UTF-16 surrogate (no column can store it),
 * or U+0000 (MySQL stores it, but SQLite's `length`, `substr` and so `startswith`/`endswith` stop
 * at it, so one `$filter` would find different rows on the two databases). Entity bodies and
 * `$filter` string literals are both checked with it.
 */
export function isWellFormedText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

const LONE_SURROGATE = /\p{Cs}/u;

/** False for text with an unpaired UTF-16 surrogate, which no database column can store. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** The two halves of HTTP Basic credentials. */
export interface BasicCredentials {
  readonly userId: string;
  readonly password: string;
}

/**
 * RFC 7617 §2: `base64(user-id ":" password)`; the user-id ends at the *first* colon, so a
 * password may hold colons and the user-id may be empty (`:api_key`, the dRofus form). Null without a colon.
 */
export function decodeBasicCredentials(encoded: string): BasicCredentials | null {
  const decoded = Buffer.from(encoded.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { userId: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The credentials of an `Authorization: Basic …` header (scheme case-insensitive), else null. */
export function basicCredentialsOf(authorization: string | undefined): BasicCredentials | null {
  const match = authorization ? /^basic +(\S*)\s*$/i.exec(authorization) : null;
  return match ? decodeBasicCredentials(match[1]) : null;
}

/**
 * The API key or personal access token a Basic header carries, in the forms the seeds use
 * (`:key`, dRofus; `apikey:key`, any case; `key:`), else null (a user name and password).
 */
export function keyFromBasic({ userId, password }: BasicCredentials): string | null {
  if (userId === '' && password) return password;
  if (userId.toLowerCase() === 'apikey' && password) return password;
  if (password === '' && userId) return userId;
  return null;
}

/**
 * An OAuth client's id and secret in Basic: RFC 6749 §2.3.1 form-urlencodes both before Base64,
 * so they are decoded once more. A malformed escape is kept as sent, never thrown.
 */
export function clientCredentialsOf(authorization: string | undefined): BasicCredentials | null {
  const raw = basicCredentialsOf(authorization);
  return raw ? { userId: formDecode(raw.userId), password: formDecode(raw.password) } : null;
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

import { ACCOUNT_SCOPE, ALL_SCOPES } from '../users/scopes';
import type { ApiKeyKind } from './api-key.entity';

/**
 * Scopes that only read: all an API key can use, since Basic and `Reference` principals are
 * read-only (docs/security.md). A personal access token is a Bearer token and may write.
 */
const READ_ONLY_SCOPES: ReadonlySet<string> = new Set(['read', 'openid', 'profile', 'email', 'api-users:view']);

/** Whether a key of this type can make use of the scope (forms offer only these; `account` never). */
export function keyTypeMayHold(kind: ApiKeyKind, scope: string): boolean {
  if (scope === ACCOUNT_SCOPE) return false;
  return kind === 'personal_token' || READ_ONLY_SCOPES.has(scope);
}

/** The scopes a key of this type can make use of, in SCOPES order. */
export function scopesForKeyType(kind: ApiKeyKind): string[] {
  return ALL_SCOPES.filter((scope) => keyTypeMayHold(kind, scope));
}

import { BadRequest } from '../common/errors/api-error';
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

/** A key is made only with scopes its type can use: an API key that "holds" write would only mislead. */
export function assertKeyTypeHolds(kind: ApiKeyKind, scopes: readonly string[]): void {
  const beyond = scopes.find((scope) => scope !== ACCOUNT_SCOPE && !keyTypeMayHold(kind, scope));
  if (beyond) {
    throw new BadRequest(
      `An API key is read-only and cannot hold ${beyond}; create a personal access token for it`,
      'scopes',
      'invalid_scope',
    );
  }
}

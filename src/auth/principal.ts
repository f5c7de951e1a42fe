import type { DatabaseAccessMap } from '../users/authority';
import type { AccessLevel } from '../users/entities/database-access.entity';

export type { DatabaseAccessMap } from '../users/authority';

export type PrincipalKind = 'user' | 'client' | 'api-key' | 'session';

/**
 * Who is calling, resolved once per request from whichever credential was presented.
 * `scopes` and `access` are already intersected with the owning user's current rights.
 */
export interface Principal {
  readonly kind: PrincipalKind;
  /** The user whose rights apply: the person, the API user, or the owner of a client. */
  readonly userId: string | null;
  readonly username: string | null;
  readonly clientId: string | null;
  readonly scopes: readonly string[];
  readonly readOnly: boolean;
  readonly access: DatabaseAccessMap;
  /** What was presented: a token's jti, an API key's id, a session; used by audit and revocation. */
  readonly credentialId: string | null;
  /**
   * The grant behind a delegated access token (a person allowed an application): what the
   * principal makes in the person's name is tied to it and ends with it (review R05). Null otherwise.
   */
  readonly grantId: string | null;
}

/**
 * The level a principal holds on a database. Only the map's own entries count: a database id may
 * name a member every object inherits (`constructor`, `toString`, `__proto__`), which a plain
 * `databases[id]` lookup would find (F19).
 */
export function accessLevelOf(access: DatabaseAccessMap, databaseId: string): AccessLevel | null {
  if (access.full) return 'write';
  return Object.hasOwn(access.databases, databaseId) ? access.databases[databaseId] : null;
}

export function hasScope(principal: Principal, scope: string): boolean {
  return principal.scopes.includes(scope);
}

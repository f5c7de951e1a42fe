import { accessLevelOf, Principal } from '../../auth/principal';
import { Forbidden } from '../../common/errors/api-error';
import type { Authority } from '../../users/authority';
import type { AccessLevel } from '../../users/entities/database-access.entity';
import { isAdministrator } from '../admin-permissions';

/** What a change gives a user: roles (with their scopes), full access, database access. */
export interface GivenRights {
  roles?: readonly { name: string; scopes: readonly string[] }[];
  fullAccess?: boolean;
  databaseAccess?: Readonly<Record<string, AccessLevel>>;
}

/**
 * Scope-down for user management (docs/decisions.md, "Scopes"): without `admin`, an actor (an API-user manager)
 * gives only roles whose every scope it holds, never `full_access`, and database access only
 * within its own, at no higher level.
 */
export function assertAssignable(actor: Principal, given: GivenRights): void {
  if (isAdministrator(actor)) return;
  const beyond = (given.roles ?? []).filter((role) => role.scopes.some((scope) => !actor.scopes.includes(scope)));
  if (beyond.length > 0)
    throw new Forbidden(
      `You may assign only roles whose scopes you hold yourself; not: ${beyond.map((role) => role.name).join(', ')}`,
      'roles',
    );
  if (given.fullAccess) throw new Forbidden('Only an administrator can give full_access', 'full_access');
  const databases = Object.entries(given.databaseAccess ?? {})
    .filter(([id, level]) => !within(actor, id, level))
    .map(([id]) => id);
  if (databases.length > 0)
    throw new Forbidden(`You may give database access only within your own; not to: ${databases.join(', ')}`, 'database_access');
}

/** Without `admin`, an actor acts only on users whose current rights are within its own (no take-over). */
export function assertWithinActor(actor: Principal, target: Authority): void {
  if (isAdministrator(actor)) return;
  const stronger =
    target.scopes.some((scope) => !actor.scopes.includes(scope)) ||
    target.access.full ||
    Object.entries(target.access.databases).some(([id, level]) => !within(actor, id, level));
  if (stronger) throw new Forbidden('This API user has rights you do not hold yourself; ask an administrator');
}

function within(actor: Principal, databaseId: string, level: AccessLevel): boolean {
  const held = accessLevelOf(actor.access, databaseId);
  return held === 'write' || (held === 'read' && level === 'read');
}

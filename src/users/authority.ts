import type { AccessLevel } from './entities/database-access.entity';
import type { UserKind } from './entities/user.entity';

/** Which databases a user (and so a principal acting for it) may see, and at what level. */
export interface DatabaseAccessMap {
  readonly full: boolean;
  readonly databases: Readonly<Record<string, AccessLevel>>;
}

/** A user's current rights: the union of its roles' scopes and its database access. */
export interface Authority {
  readonly userId: string;
  readonly username: string;
  readonly email: string | null;
  readonly kind: UserKind;
  readonly disabled: boolean;
  readonly roles: readonly string[];
  /** One of the roles requires a second factor: a session signed in without one does not act for this user (review SI2). */
  readonly twoFactorRequired: boolean;
  readonly scopes: readonly string[];
  readonly access: DatabaseAccessMap;
}

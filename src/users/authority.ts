import type { DatabaseAccessMap } from '../auth/principal';
import type { UserKind } from './entities/user.entity';

/** A user's current rights: the union of its roles' scopes and its database access. */
export interface Authority {
  readonly userId: string;
  readonly username: string;
  readonly email: string | null;
  readonly kind: UserKind;
  readonly disabled: boolean;
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  readonly access: DatabaseAccessMap;
}

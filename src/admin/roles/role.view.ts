import type { Role } from '../../users/entities/role.entity';

/** The JSON shape of a role: `name`, `scopes`, `is_default`, `two_factor_required`. */
export interface RoleView {
  name: string;
  scopes: string[];
  is_default: boolean;
  two_factor_required: boolean;
}

export function toRoleView(role: Role): RoleView {
  return { name: role.name, scopes: role.scopes, is_default: role.isDefault, two_factor_required: role.twoFactorRequired };
}

import type { Role } from '../../users/entities/role.entity';

/** The JSON shape of a role: `name`, `scopes`, `is_default`. */
export interface RoleView {
  name: string;
  scopes: string[];
  is_default: boolean;
}

export function toRoleView(role: Role): RoleView {
  return { name: role.name, scopes: role.scopes, is_default: role.isDefault };
}

import type { Role } from '../../users/entities/role.entity';
import { namedSchema } from '../../common/openapi/schema-registry';

/** The JSON shape of a role: `name`, `scopes`, `is_default`. */
export interface RoleView {
  name: string;
  scopes: string[];
  is_default: boolean;
}

export function toRoleView(role: Role): RoleView {
  return { name: role.name, scopes: role.scopes, is_default: role.isDefault };
}

export const ROLE_SCHEMA = namedSchema('Role', {
  type: 'object',
  required: ['name', 'scopes', 'is_default'],
  properties: {
    name: { type: 'string', example: 'reader' },
    scopes: { type: 'array', items: { type: 'string' }, example: ['openid', 'profile', 'read'] },
    is_default: { type: 'boolean', description: 'Given to people who register or are created without roles' },
  },
});

import { Injectable } from '@nestjs/common';
import type { Principal } from '../principal';
import { NotFound } from '../../common/errors/api-error';
import { ChangePasswordDto } from './change-password.dto';
import { UsersService } from '../../users/users.service';
import { namedSchema } from '../../common/openapi/schema-registry';

export interface MeView {
  id: string;
  username: string;
  email: string | null;
  kind: string;
  roles: string[];
  scopes: string[];
  database_access: Record<string, string>;
  full_access: boolean;
  client_id: string | null;
  credential: string;
}

/** `/api/me`: the current principal, in the management API's field names. */
@Injectable()
export class MeService {
  constructor(private readonly users: UsersService) {}

  /** The session it is made from stays signed in; every other credential of the person ends. */
  async changePassword(principal: Principal, dto: ChangePasswordDto, ip: string): Promise<void> {
    await this.users.changeOwnPassword(principal.userId!, dto.current_password, dto.new_password, {
      keepSessionIdHash: principal.kind === 'session' ? principal.credentialId : null,
      context: { ip },
    });
  }

  async describe(principal: Principal): Promise<MeView> {
    const user = principal.userId ? await this.users.findById(principal.userId) : null;
    if (!user) throw new NotFound('This credential acts for no user');
    return {
      id: user.id,
      username: user.username,
      email: user.email,
      kind: user.kind,
      roles: (user.roles ?? []).map((role) => role.name),
      scopes: [...principal.scopes],
      database_access: { ...principal.access.databases },
      full_access: principal.access.full,
      client_id: principal.clientId,
      credential: principal.kind,
    };
  }
}

export const ME_SCHEMA = namedSchema('Me', {
  type: 'object',
  required: ['id', 'username', 'kind', 'roles', 'scopes', 'database_access', 'full_access', 'credential'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string' },
    email: { type: 'string', nullable: true },
    kind: { type: 'string', enum: ['person', 'api'] },
    roles: { type: 'array', items: { type: 'string' } },
    scopes: { type: 'array', items: { type: 'string' }, description: 'What this credential may do now' },
    database_access: { type: 'object', additionalProperties: { type: 'string' } },
    full_access: { type: 'boolean' },
    client_id: { type: 'string', nullable: true },
    credential: { type: 'string', description: 'How the caller authenticated', example: 'bearer' },
  },
});

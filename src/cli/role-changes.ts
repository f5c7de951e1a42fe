import { INestApplicationContext } from '@nestjs/common';
import { AdminRolesService } from '../admin/roles/admin-roles.service';
import { CreateRoleDto, UpdateRoleDto } from '../admin/roles/dto/role-fields';
import type { RoleView } from '../admin/roles/role.view';
import { CLI_ACTOR } from './cli-actor';
import { validated } from './validated';

/**
 * The CLI's changes to roles: through AdminRolesService with `/api/admin/roles`' own DTOs, so a
 * command keeps the same rules (scopes that exist, always one default role) and is audited with
 * the actor `cli`. The test harness and the benchmarks lift the shipped two-factor requirement of
 * Administrator through here, as an operator would with `tessera role:update`.
 */
export class RoleChanges {
  private readonly roles: AdminRolesService;

  constructor(tessera: INestApplicationContext) {
    this.roles = tessera.get(AdminRolesService, { strict: false });
  }

  create(fields: Record<string, unknown>): Promise<RoleView> {
    return this.roles.create(CLI_ACTOR, validated(CreateRoleDto, fields));
  }

  update(name: string, fields: Record<string, unknown>): Promise<RoleView> {
    return this.roles.update(CLI_ACTOR, name, validated(UpdateRoleDto, fields));
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { RolesService } from '../../users/roles.service';
import { Actor, auditedBy } from '../../auth/actor';
import { CreateRoleDto, UpdateRoleDto } from './dto/role-fields';
import { RoleView, toRoleView } from './role.view';

/** `/api/admin/roles`: administrators' view of the roles, audited; RolesService keeps the rules. */
@Injectable()
export class AdminRolesService {
  constructor(
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<RoleView[]> {
    return (await this.roles.findAll()).map(toRoleView);
  }

  async create(actor: Actor, dto: CreateRoleDto): Promise<RoleView> {
    const role = await this.roles.create(dto.name, dto.scopes, dto.is_default ?? false, dto.two_factor_required ?? false);
    await this.audit.record({
      event: 'role.created',
      target: role.name,
      ...auditedBy(actor),
      details: { scopes: role.scopes.join(' '), is_default: role.isDefault, two_factor_required: role.twoFactorRequired },
    });
    return toRoleView(role);
  }

  async update(actor: Actor, name: string, dto: UpdateRoleDto): Promise<RoleView> {
    const role = await this.roles.update(name, {
      scopes: dto.scopes,
      isDefault: dto.is_default,
      twoFactorRequired: dto.two_factor_required,
    });
    await this.audit.record({
      event: 'role.updated',
      target: name,
      ...auditedBy(actor),
      details: { scopes: role.scopes.join(' '), is_default: role.isDefault, two_factor_required: role.twoFactorRequired },
    });
    return toRoleView(role);
  }

  async remove(actor: Actor, name: string): Promise<void> {
    await this.roles.delete(name);
    await this.audit.record({ event: 'role.deleted', target: name, ...auditedBy(actor) });
  }
}

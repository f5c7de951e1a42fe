import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Conflict, NotFound } from '../../common/errors/api-error';
import { Role } from '../../users/entities/role.entity';
import { Actor, auditedBy } from '../actor';
import { CreateRoleDto, UpdateRoleDto } from './dto/role-fields';
import { RoleView, toRoleView } from './role.view';

/**
 * `/api/admin/roles`: roles carry scopes (seed 004); exactly one role is the default for new
 * registrations, so marking one default unmarks the other in the same transaction.
 */
@Injectable()
export class AdminRolesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(): Promise<RoleView[]> {
    return (await this.dataSource.getRepository(Role).find({ order: { name: 'ASC' } })).map(toRoleView);
  }

  async create(actor: Actor, dto: CreateRoleDto): Promise<RoleView> {
    const role = await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Role, { name: dto.name })) throw new Conflict(`A role named "${dto.name}" exists`, 'name');
      const created = manager.create(Role, { name: dto.name, scopes: dto.scopes, isDefault: false, createdAt: new Date() });
      await manager.insert(Role, created);
      if (dto.is_default) await makeDefault(manager, created);
      return created;
    });
    await this.audit.record({ event: 'role.created', target: role.name, ...auditedBy(actor), details: { scopes: role.scopes.join(' '), is_default: role.isDefault } });
    return toRoleView(role);
  }

  async update(actor: Actor, name: string, dto: UpdateRoleDto): Promise<RoleView> {
    const role = await this.dataSource.transaction(async (manager) => {
      const found = await findRole(manager, name);
      if (dto.is_default === false && found.isDefault) {
        throw new Conflict('There must always be a default role: mark another role as the default instead', 'is_default');
      }
      if (dto.scopes) await manager.update(Role, { name }, { scopes: dto.scopes });
      if (dto.is_default && !found.isDefault) await makeDefault(manager, found);
      return findRole(manager, name);
    });
    await this.audit.record({ event: 'role.updated', target: name, ...auditedBy(actor), details: { scopes: role.scopes.join(' '), is_default: role.isDefault } });
    return toRoleView(role);
  }

  async remove(actor: Actor, name: string): Promise<void> {
    const role = await findRole(this.dataSource.manager, name);
    if (role.isDefault) throw new Conflict('The default role cannot be deleted: mark another role as the default first');
    await this.dataSource.getRepository(Role).delete({ name });
    await this.audit.record({ event: 'role.deleted', target: name, ...auditedBy(actor) });
  }
}

async function findRole(manager: EntityManager, name: string): Promise<Role> {
  const role = await manager.findOneBy(Role, { name });
  if (!role) throw new NotFound(`No role named "${name}"`);
  return role;
}

async function makeDefault(manager: EntityManager, role: Role): Promise<void> {
  await manager.update(Role, { name: Not(role.name) }, { isDefault: false });
  await manager.update(Role, { name: role.name }, { isDefault: true });
  role.isDefault = true;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, Repository } from 'typeorm';
import { ALL_SCOPES } from './scopes';
import { Conflict, NotFound } from '../common/errors/api-error';
import { Role } from './entities/role.entity';

export const ADMINISTRATOR_ROLE = 'Administrator';
export const CONSUMER_ROLE = 'Consumer';

/** The roles shipped with Tessera (docs/decisions.md, "Scopes"). */
const SHIPPED_ROLES: Pick<Role, 'name' | 'scopes' | 'isDefault' | 'twoFactorRequired'>[] = [
  { name: ADMINISTRATOR_ROLE, scopes: [...ALL_SCOPES], isDefault: false, twoFactorRequired: true },
  { name: CONSUMER_ROLE, scopes: ['read', 'account', 'openid', 'profile', 'email'], isDefault: true, twoFactorRequired: false },
];

export interface RoleChanges {
  scopes?: string[];
  isDefault?: boolean;
  twoFactorRequired?: boolean;
}

/**
 * Roles and their scopes (as Fusio's roles carry scopes): the only writer of the `roles` table. Exactly one role is the
 * default for new registrations, so marking one default unmarks the other in the same transaction.
 */
@Injectable()
export class RolesService {
  constructor(
    @InjectRepository(Role) private readonly roles: Repository<Role>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Creates the shipped roles when they are missing; leaves edited ones alone. */
  async ensureShippedRoles(): Promise<void> {
    const hasDefault = (await this.roles.countBy({ isDefault: true })) > 0;
    for (const shipped of SHIPPED_ROLES) {
      if (await this.roles.existsBy({ name: shipped.name })) continue;
      await this.roles.insert({ ...shipped, isDefault: shipped.isDefault && !hasDefault, createdAt: new Date() });
    }
  }

  findAll(): Promise<Role[]> {
    return this.roles.find({ order: { name: 'ASC' } });
  }

  findDefault(): Promise<Role | null> {
    return this.roles.findOneBy({ isDefault: true });
  }

  /** The roles among these names that exist. */
  findNamed(names: readonly string[]): Promise<Role[]> {
    return names.length === 0 ? Promise.resolve([]) : this.roles.findBy({ name: In([...names]) });
  }

  create(name: string, scopes: string[], isDefault: boolean, twoFactorRequired = false): Promise<Role> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Role, { name })) throw new Conflict(`A role named "${name}" exists`, 'name');
      const created = manager.create(Role, { name, scopes, isDefault: false, twoFactorRequired, createdAt: new Date() });
      await manager.insert(Role, created);
      if (isDefault) await makeDefault(manager, created);
      return created;
    });
  }

  update(name: string, changes: RoleChanges): Promise<Role> {
    return this.dataSource.transaction(async (manager) => {
      const found = await findRole(manager, name);
      if (changes.isDefault === false && found.isDefault) {
        throw new Conflict('There must always be a default role: mark another role as the default instead', 'is_default');
      }
      if (changes.scopes) await manager.update(Role, { name }, { scopes: changes.scopes });
      if (changes.twoFactorRequired !== undefined) await manager.update(Role, { name }, { twoFactorRequired: changes.twoFactorRequired });
      if (changes.isDefault && !found.isDefault) await makeDefault(manager, found);
      return findRole(manager, name);
    });
  }

  async delete(name: string): Promise<void> {
    const role = await findRole(this.dataSource.manager, name);
    if (role.isDefault) throw new Conflict('The default role cannot be deleted: mark another role as the default first');
    await this.roles.delete({ name });
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

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ALL_SCOPES } from '../auth/scopes';
import { Role } from './entities/role.entity';

export const ADMINISTRATOR_ROLE = 'Administrator';
export const CONSUMER_ROLE = 'Consumer';

/** The roles shipped with Tessera (DESIGN §10). */
const SHIPPED_ROLES: Pick<Role, 'name' | 'scopes' | 'isDefault'>[] = [
  { name: ADMINISTRATOR_ROLE, scopes: [...ALL_SCOPES], isDefault: false },
  { name: CONSUMER_ROLE, scopes: ['read', 'account', 'openid', 'profile', 'email'], isDefault: true },
];

@Injectable()
export class RolesService {
  constructor(@InjectRepository(Role) private readonly roles: Repository<Role>) {}

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
}

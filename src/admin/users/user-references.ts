import { BadRequestException, Injectable } from '@nestjs/common';
import { DatabasesService } from '../../databases/databases.service';
import type { Role } from '../../users/entities/role.entity';
import { RolesService } from '../../users/roles.service';
import type { UserKind } from '../../users/entities/user.entity';
import type { UserFields } from './dto/user-fields';

/**
 * The checks class-validator cannot make alone: roles and databases must exist, and some
 * fields belong to one kind of user only. All problems are reported together, per field.
 */
@Injectable()
export class UserReferences {
  constructor(
    private readonly roles: RolesService,
    private readonly databases: DatabasesService,
  ) {}

  /** The roles the fields name (with their scopes), once every reference is known to exist. */
  async resolve(fields: UserFields, kind: UserKind): Promise<Role[]> {
    const roles = await this.roles.findNamed(fields.roles ?? []);
    const errors = [...(await this.unknownReferences(fields, roles)), ...fieldsForKind(fields, kind)];
    if (errors.length > 0) throw new BadRequestException({ message: errors, error: 'Bad Request', statusCode: 400 });
    return roles;
  }

  private async unknownReferences(fields: UserFields, roles: Role[]): Promise<string[]> {
    const errors: string[] = [];
    const unknown = (fields.roles ?? []).filter((name) => !roles.some((role) => role.name === name));
    if (unknown.length) errors.push(`roles contains unknown roles: ${unknown.join(', ')}`);
    const ids = Object.keys(fields.database_access ?? {});
    if (ids.length) {
      const found = new Set((await this.databases.findAll()).map((database) => database.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) errors.push(`database_access names unknown databases: ${missing.join(', ')}`);
    }
    return errors;
  }
}

function fieldsForKind(fields: UserFields, kind: UserKind): string[] {
  if (kind === 'api') {
    return fields.password !== undefined ? ['password: API users cannot sign in with a password; generate an API token instead'] : [];
  }
  const errors: string[] = [];
  if (fields.oauth2_enabled) errors.push('oauth2_enabled applies to API users only');
  if (fields.access_token_ttl_minutes !== undefined && fields.access_token_ttl_minutes !== null) {
    errors.push('access_token_ttl_minutes applies to API users only');
  }
  return errors;
}

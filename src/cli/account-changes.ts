import { INestApplicationContext } from '@nestjs/common';
import { CreateUserDto } from '../admin/users/dto/create-user.dto';
import { UpdateUserDto } from '../admin/users/dto/update-user.dto';
import { AdminUsersService } from '../admin/users/admin-users.service';
import type { UserView } from '../admin/users/user.view';
import { UsersService } from '../users/users.service';
import { CLI_ACTOR } from './cli-actor';
import { CliError } from './cli-error';
import { validated } from './validated';

/**
 * The CLI's changes to accounts, in one place: through AdminUsersService with the admin API's own
 * DTOs and rules (password length, roles that exist, a free username), so a command does exactly
 * what `/api/admin/users` does: a new password or a disabled account ends the user's sessions, and
 * every change is audited. The password rule is the DTO's; when the password policy and
 * `UsersService.setPassword` land, this file follows them by calling what the admin API calls.
 */
export class AccountChanges {
  private readonly admin: AdminUsersService;
  private readonly users: UsersService;

  constructor(tessera: INestApplicationContext) {
    this.admin = tessera.get(AdminUsersService, { strict: false });
    this.users = tessera.get(UsersService, { strict: false });
  }

  async create(fields: Record<string, unknown>): Promise<UserView> {
    return this.admin.create(CLI_ACTOR, validated(CreateUserDto, fields));
  }

  async change(username: string, fields: Record<string, unknown>): Promise<UserView> {
    const user = await this.find(username);
    return this.admin.update(CLI_ACTOR, user.id, validated(UpdateUserDto, fields));
  }

  async find(username: string): Promise<UserView> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new CliError(`there is no user "${username}"`);
    return this.admin.get(CLI_ACTOR.principal, user.id);
  }
}

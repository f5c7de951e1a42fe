import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ClientsModule } from '../clients/clients.module';
import { DatabasesModule } from '../databases/databases.module';
import { OAuthModule } from '../oauth/oauth.module';
import { UsersModule } from '../users/users.module';
import { AdminAppsController } from './apps/admin-apps.controller';
import { AdminAppsService } from './apps/admin-apps.service';
import { AdminAuditController } from './audit/admin-audit.controller';
import { AdminDatabasesController } from './databases/admin-databases.controller';
import { AdminRolesController } from './roles/admin-roles.controller';
import { AdminRolesService } from './roles/admin-roles.service';
import { AdminUserSessionsController } from './users/admin-user-sessions.controller';
import { AdminUserSessionsService } from './users/admin-user-sessions.service';
import { AdminUsersController } from './users/admin-users.controller';
import { AdminUsersService } from './users/admin-users.service';
import { UserReferences } from './users/user-references';

/** The administrators' JSON API under `/api/admin`: users, API users, roles, databases, audit log, apps' introspection. */
@Module({
  imports: [AuditModule, UsersModule, DatabasesModule, AuthModule, OAuthModule, ClientsModule],
  controllers: [
    AdminUsersController,
    AdminUserSessionsController,
    AdminRolesController,
    AdminAuditController,
    AdminAppsController,
    AdminDatabasesController,
  ],
  providers: [AdminUsersService, AdminUserSessionsService, AdminRolesService, UserReferences, AdminAppsService],
  exports: [AdminUsersService, AdminRolesService, AdminUserSessionsService],
})
export class AdminModule {}

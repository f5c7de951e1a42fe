import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ClientsModule } from '../clients/clients.module';
import { DatabasesModule } from '../databases/databases.module';
import { OAuthModule } from '../oauth/oauth.module';
import { FederationModule } from '../federation/federation.module';
import { UsersModule } from '../users/users.module';
import { AdminIdentityProvidersController } from './identity-providers/admin-identity-providers.controller';
import { AdminIdentityProvidersService } from './identity-providers/admin-identity-providers.service';
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
  imports: [AuditModule, UsersModule, DatabasesModule, AuthModule, OAuthModule, ClientsModule, FederationModule],
  controllers: [
    AdminUsersController,
    AdminUserSessionsController,
    AdminRolesController,
    AdminAuditController,
    AdminAppsController,
    AdminDatabasesController,
    AdminIdentityProvidersController,
  ],
  providers: [
    AdminUsersService,
    AdminUserSessionsService,
    AdminRolesService,
    UserReferences,
    AdminAppsService,
    AdminIdentityProvidersService,
  ],
  exports: [AdminUsersService, AdminRolesService, AdminUserSessionsService, AdminIdentityProvidersService],
})
export class AdminModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuthModule } from '../auth/auth.module';
import { ClientsModule } from '../clients/clients.module';
import { Database } from '../databases/database.entity';
import { OAuthModule } from '../oauth/oauth.module';
import { UsersModule } from '../users/users.module';
import { AdminAppsController } from './apps/admin-apps.controller';
import { AdminAppsService } from './apps/admin-apps.service';
import { AdminAuditController } from './audit/admin-audit.controller';
import { AuditLogService } from './audit/audit-log.service';
import { AdminRolesController } from './roles/admin-roles.controller';
import { AdminRolesService } from './roles/admin-roles.service';
import { AdminUsersController } from './users/admin-users.controller';
import { AdminUsersService } from './users/admin-users.service';
import { UserReferences } from './users/user-references';

/** The administrators' JSON API under `/api/admin` (DESIGN §5): users, API users, roles, audit log, apps' introspection (F9). */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, Database]), UsersModule, AuthModule, OAuthModule, ClientsModule],
  controllers: [AdminUsersController, AdminRolesController, AdminAuditController, AdminAppsController],
  providers: [AdminUsersService, AdminRolesService, AuditLogService, UserReferences, AdminAppsService],
  exports: [AdminUsersService, AdminRolesService, AuditLogService],
})
export class AdminModule {}

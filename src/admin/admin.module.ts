import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuthModule } from '../auth/auth.module';
import { Database } from '../databases/database.entity';
import { OAuthModule } from '../oauth/oauth.module';
import { UsersModule } from '../users/users.module';
import { AdminAuditController } from './audit/admin-audit.controller';
import { AuditLogService } from './audit/audit-log.service';
import { AdminRolesController } from './roles/admin-roles.controller';
import { AdminRolesService } from './roles/admin-roles.service';
import { AdminUsersController } from './users/admin-users.controller';
import { AdminUsersService } from './users/admin-users.service';
import { UserReferences } from './users/user-references';

/** The administrators' JSON API under `/api/admin` (DESIGN §5): users, API users, roles, audit log. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, Database]), UsersModule, AuthModule, OAuthModule],
  controllers: [AdminUsersController, AdminRolesController, AdminAuditController],
  providers: [AdminUsersService, AdminRolesService, AuditLogService, UserReferences],
  exports: [AdminUsersService, AdminRolesService, AuditLogService],
})
export class AdminModule {}

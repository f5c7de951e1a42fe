import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountLockout } from './account-lockout';
import { AdminBootstrap } from './admin.bootstrap';
import { DatabaseAccess } from './entities/database-access.entity';
import { LoginFailure } from './entities/login-failure.entity';
import { Role } from './entities/role.entity';
import { User } from './entities/user.entity';
import { LoginDelay } from './login-delay';
import { PasswordHasher } from './password.hasher';
import { PasswordSignInRules } from './password-sign-in.rules';
import { PasswordPolicy } from './passwords/password.policy';
import { UserEvents } from './user-events';
import { RolesService } from './roles.service';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([User, Role, DatabaseAccess, LoginFailure])],
  providers: [
    AccountLockout,
    LoginDelay,
    UsersService,
    RolesService,
    PasswordHasher,
    PasswordPolicy,
    UserEvents,
    PasswordSignInRules,
    AdminBootstrap,
  ],
  exports: [UsersService, RolesService, PasswordHasher, PasswordPolicy, UserEvents, PasswordSignInRules, TypeOrmModule],
})
export class UsersModule {}

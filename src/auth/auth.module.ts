import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { CredentialCacheModule } from './cache/credential-cache.module';
import { AuthGuard } from './guards/auth.guard';
import { ScopesGuard } from './guards/scopes.guard';
import { PrincipalFactory } from './principal.factory';
import { Revocation } from './revocation.entity';
import { Session } from './session.entity';
import { SessionService } from './session.service';
import { BasicStrategy } from './strategies/basic.strategy';
import { BearerStrategy } from './strategies/bearer.strategy';
import { ReferenceStrategy } from './strategies/reference.strategy';
import { SessionStrategy } from './strategies/session.strategy';

/** One Principal from every credential form, a global guard, and scope checks (DESIGN §1). */
@Module({
  imports: [PassportModule, CredentialCacheModule, TypeOrmModule.forFeature([Session, Revocation]), UsersModule, KeysModule],
  providers: [
    PrincipalFactory, SessionService, BearerStrategy, BasicStrategy, ReferenceStrategy, SessionStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ScopesGuard },
  ],
  exports: [PrincipalFactory, SessionService],
})
export class AuthModule {}

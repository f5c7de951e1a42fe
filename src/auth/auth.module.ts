import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { CredentialCacheModule } from './cache/credential-cache.module';
import { ConsoleCookies } from './console/console-cookies';
import { SessionCsrf } from './console/session-csrf';
import { AuthGuard } from './guards/auth.guard';
import { JsonBodyGuard } from './guards/json-body.guard';
import { ScopesGuard } from './guards/scopes.guard';
import { PrincipalFactory } from './principal.factory';
import { Revocation } from './revocation.entity';
import { ServerSecret } from './secrets/server-secret.entity';
import { ServerSecrets } from './secrets/server-secrets.service';
import { Session } from './session.entity';
import { SessionService } from './session.service';
import { BasicStrategy } from './strategies/basic.strategy';
import { BearerStrategy } from './strategies/bearer.strategy';
import { ReferenceStrategy } from './strategies/reference.strategy';
import { SessionStrategy } from './strategies/session.strategy';

/** One Principal from every credential form, a global guard, and scope checks (DESIGN §1). */
@Module({
  imports: [PassportModule, CredentialCacheModule, TypeOrmModule.forFeature([Session, Revocation, ServerSecret]), UsersModule, KeysModule],
  providers: [
    PrincipalFactory, SessionService, BearerStrategy, BasicStrategy, ReferenceStrategy, SessionStrategy,
    ConsoleCookies, ServerSecrets, SessionCsrf,
    { provide: APP_GUARD, useClass: JsonBodyGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: ScopesGuard },
  ],
  exports: [PrincipalFactory, SessionService, ConsoleCookies, SessionCsrf, ServerSecrets],
})
export class AuthModule {}

import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '../users/users.module';
import { AuthModule } from './auth.module';
import { AuthGuard } from './guards/auth.guard';
import { JsonBodyGuard } from './guards/json-body.guard';
import { ScopesGuard } from './guards/scopes.guard';
import { BasicStrategy } from './strategies/basic.strategy';
import { BearerStrategy } from './strategies/bearer.strategy';
import { ReferenceStrategy } from './strategies/reference.strategy';
import { SessionStrategy } from './strategies/session.strategy';

/**
 * The global guards: every route needs a credential unless it is `@Public()`, scopes
 * and read-only credentials are enforced, JSON routes take JSON. The strategies verify API keys and
 * access tokens through API_KEY_VERIFIER and ACCESS_TOKEN_VERIFIER, which modules of higher layers
 * provide: the application passes those modules here, so no file of this folder imports them.
 */
@Module({})
export class AuthGuardsModule {
  static withVerifiersFrom(...verifiers: Type<unknown>[]): DynamicModule {
    return {
      module: AuthGuardsModule,
      imports: [PassportModule, AuthModule, UsersModule, ...verifiers],
      providers: [
        BearerStrategy,
        BasicStrategy,
        ReferenceStrategy,
        SessionStrategy,
        { provide: APP_GUARD, useClass: JsonBodyGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ScopesGuard },
      ],
    };
  }
}

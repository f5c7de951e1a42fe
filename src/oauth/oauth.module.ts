import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCESS_TOKEN_VERIFIER } from '../auth/credentials/access-token.verifier';
import { AuthModule } from '../auth/auth.module';
import { Revocation } from './tokens/revocation.entity';
import { AppsController } from './apps/apps.controller';
import { AppsFacade } from './apps/apps.facade';
import { ClientsModule } from '../clients/clients.module';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { AuthorizationCodesService } from './authorize/authorization-codes.service';
import { AuthorizeController } from './authorize/authorize.controller';
import { AuthorizeEndpoint } from './authorize/authorize.endpoint';
import { AuthorizedAppsController } from './authorized-apps/authorized-apps.controller';
import { AuthorizedAppsService } from './authorized-apps/authorized-apps.service';
import { ConsumerController } from './consumer/consumer.controller';
import { ConsumerService } from './consumer/consumer.service';
import { LogoutController } from './oidc/logout.controller';
import { LogoutService } from './oidc/logout.service';
import { UserinfoController } from './oidc/userinfo.controller';
import { UserinfoService } from './oidc/userinfo.service';
import { ClientAuthenticator } from './client-auth/client-authenticator';
import { ClientNames } from './client-auth/client-names';
import { ConsentsService } from './consent/consents.service';
import { DiscoveryController } from './discovery.controller';
import { AccessToken } from './entities/access-token.entity';
import { AuthorizationCode } from './entities/authorization-code.entity';
import { Consent } from './entities/consent.entity';
import { Grant } from './entities/grant.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { SigningKey } from './entities/signing-key.entity';
import { IntrospectionEndpoint } from './introspection.endpoint';
import { RevocationController } from './revocation.controller';
import { RevocationEndpoint } from './revocation.endpoint';
import { grantProviders } from './grants';
import { TokenController } from './token.controller';
import { TokenEndpoint } from './token.endpoint';
import { AccessTokenCheck } from './tokens/access-token.check';
import { AccessTokensService } from './tokens/access-tokens.service';
import { GrantsService } from './tokens/grants.service';
import { IdTokensService } from './tokens/id-tokens.service';
import { PersonSessionsService } from './sessions/person-sessions.service';
import { JwtAccessTokenVerifier } from './tokens/jwt-access-token.verifier';
import { RefreshTokenCheck } from './tokens/refresh-token.check';
import { RefreshTokensService } from './tokens/refresh-tokens.service';
import { RevocationFeed } from './tokens/revocation-feed.service';
import { SigningKeysService } from './tokens/signing-keys.service';
import { TokenIssuer } from './tokens/token-issuer';

/** The OAuth 2.0 authorization server (docs/oauth.md) and the management endpoints `/api/apps`, `/api/grants`. */
@Module({
  imports: [
    AuditModule,
    TypeOrmModule.forFeature([AccessToken, AuthorizationCode, Consent, Grant, RefreshToken, SigningKey, Revocation]),
    JwtModule.register({}),
    AuthModule,
    UsersModule,
    KeysModule,
    ClientsModule,
  ],
  controllers: [
    AuthorizeController,
    TokenController,
    RevocationController,
    DiscoveryController,
    AppsController,
    AuthorizedAppsController,
    UserinfoController,
    LogoutController,
    ConsumerController,
  ],
  providers: [
    SigningKeysService,
    RevocationFeed,
    AccessTokensService,
    RefreshTokensService,
    IdTokensService,
    GrantsService,
    TokenIssuer,
    AccessTokenCheck,
    RefreshTokenCheck,
    JwtAccessTokenVerifier,
    { provide: ACCESS_TOKEN_VERIFIER, useExisting: JwtAccessTokenVerifier },
    ClientAuthenticator,
    ClientNames,
    ConsentsService,
    AuthorizationCodesService,
    ...grantProviders,
    TokenEndpoint,
    RevocationEndpoint,
    IntrospectionEndpoint,
    AuthorizeEndpoint,
    AppsFacade,
    AuthorizedAppsService,
    PersonSessionsService,
    UserinfoService,
    LogoutService,
    ConsumerService,
  ],
  exports: [
    ClientNames,
    ACCESS_TOKEN_VERIFIER,
    SigningKeysService,
    GrantsService,
    RevocationFeed,
    AppsFacade,
    AuthorizedAppsService,
    PersonSessionsService,
  ],
})
export class OAuthModule {}

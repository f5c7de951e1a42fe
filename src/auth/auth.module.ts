import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { CredentialCacheInvalidator } from './cache/credential-cache.invalidator';
import { CredentialCaches } from './cache/credential-caches';
import { ConsoleCookies } from './console/console-cookies';
import { CsrfService } from './console/csrf.service';
import { SessionCsrf } from './console/session-csrf';
import { MeController } from './me/me.controller';
import { MeService } from './me/me.service';
import { PrincipalFactory } from './principal.factory';
import { ServerSecret } from './secrets/server-secret.entity';
import { ServerSecrets } from './secrets/server-secrets.service';
import { Session } from './session.entity';
import { SessionService } from './session.service';
import { RecoveryCode } from './two-factor/recovery-code.entity';
import { PasswordSignIn } from './two-factor/password-sign-in';
import { SecondFactor } from './two-factor/second-factor';
import { TwoFactorEnrolment } from './two-factor/two-factor-enrolment.entity';
import { TwoFactorPolicy } from './two-factor/two-factor.policy';
import { TwoFactorService } from './two-factor/two-factor.service';

/**
 * Who is calling: the Principal and how it is built from a credential and its owner's current
 * rights (PrincipalFactory), the credential caches, browser sessions, the console's cookies and
 * CSRF, two-factor sign-in (TOTP, recovery codes, who must use it), and `/api/me`. The modules above (keys, oauth, resources, pages) import this one; the
 * guards that resolve a Principal on every request are in AuthGuardsModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Session, ServerSecret, TwoFactorEnrolment, RecoveryCode]), UsersModule, AuditModule],
  controllers: [MeController],
  providers: [
    PrincipalFactory,
    CredentialCaches,
    CredentialCacheInvalidator,
    SessionService,
    ConsoleCookies,
    ServerSecrets,
    SessionCsrf,
    CsrfService,
    MeService,
    TwoFactorService,
    TwoFactorPolicy,
    SecondFactor,
    PasswordSignIn,
  ],
  exports: [
    PrincipalFactory,
    CredentialCaches,
    SessionService,
    ConsoleCookies,
    SessionCsrf,
    ServerSecrets,
    CsrfService,
    TwoFactorService,
    TwoFactorPolicy,
    SecondFactor,
    PasswordSignIn,
  ],
})
export class AuthModule {}

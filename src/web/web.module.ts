import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AdminModule } from '../admin/admin.module';
import { AuthModule } from '../auth/auth.module';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { DatabasesModule } from '../databases/databases.module';
import { OAuthModule } from '../oauth/oauth.module';
import { AccountController } from './account/account.controller';
import { AppsPageController } from './account/apps.page.controller';
import { AuthorizedAppsPageController } from './account/authorized-apps.page.controller';
import { PasswordPageController } from './account/password.page.controller';
import { SessionsPageController } from './account/sessions.page.controller';
import { TwoFactorPageController } from './account/two-factor.page.controller';
import { AdminAuditPageController } from './admin/admin-audit.page.controller';
import { AdminPageContext } from './admin/admin-page-context';
import { AdminIdentityProvidersPageController } from './admin/admin-identity-providers.page.controller';
import { AdminRolesPageController } from './admin/admin-roles.page.controller';
import { AdminUsersPageController } from './admin/admin-users.page.controller';
import { HomeController } from './home/home.controller';
import { FederationPageController } from './login/federation.page.controller';
import { LoginController } from './login/login.controller';
import { SecondStepPageController } from './login/second-step.page.controller';
import { FederationModule } from '../federation/federation.module';
import { WebSessions } from './login/web-sessions';
import { PageGuard } from './pages/page.guard';

/** The web console (issue 5): server-rendered pages that work without JavaScript. */
@Module({
  imports: [AuditModule, AuthModule, UsersModule, KeysModule, AdminModule, DatabasesModule, OAuthModule, FederationModule],
  controllers: [
    HomeController,
    LoginController,
    SecondStepPageController,
    FederationPageController,
    AccountController,
    AppsPageController,
    AuthorizedAppsPageController,
    PasswordPageController,
    SessionsPageController,
    TwoFactorPageController,
    AdminUsersPageController,
    AdminRolesPageController,
    AdminAuditPageController,
    AdminIdentityProvidersPageController,
  ],
  providers: [WebSessions, PageGuard, AdminPageContext],
})
export class WebModule {}

import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { AuthModule } from '../auth/auth.module';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { DatabasesModule } from '../databases/databases.module';
import { AccountController } from './account/account.controller';
import { AdminAuditPageController } from './admin/admin-audit.page.controller';
import { AdminPageContext } from './admin/admin-page-context';
import { AdminRolesPageController } from './admin/admin-roles.page.controller';
import { AdminUsersPageController } from './admin/admin-users.page.controller';
import { LoginController } from './login/login.controller';
import { WebSessions } from './login/web-sessions';
import { PageGuard } from './pages/page.guard';

/** The web console (issue 5): server-rendered pages that work without JavaScript. */
@Module({
  imports: [AuthModule, UsersModule, KeysModule, AdminModule, DatabasesModule],
  controllers: [LoginController, AccountController, AdminUsersPageController, AdminRolesPageController, AdminAuditPageController],
  providers: [WebSessions, PageGuard, AdminPageContext],
})
export class WebModule {}

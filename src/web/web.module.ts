import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { AuthModule } from '../auth/auth.module';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { AccountController } from './account/account.controller';
import { LoginController } from './login/login.controller';
import { WebSessions } from './login/web-sessions';
import { PageGuard } from './pages/page.guard';

/** The web console (issue 5): server-rendered pages that work without JavaScript. */
@Module({
  imports: [AuthModule, UsersModule, KeysModule, AdminModule],
  controllers: [LoginController, AccountController],
  providers: [WebSessions, PageGuard],
})
export class WebModule {}

import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ConfigModule } from '../config/config.module';
import { TesseraConfig } from '../config/tessera-config';
import { DatabaseModule } from '../database/database.module';
import { DatabasesModule } from '../databases/databases.module';
import { KeysModule } from '../keys/keys.module';
import { LimitsModule } from '../limits/limits.module';
import { OAuthModule } from '../oauth/oauth.module';
import { UsersModule } from '../users/users.module';

/**
 * Tessera's modules without HTTP (no resource mounts, no console pages): the services a command
 * uses are the ones the API uses, on the same database.
 */
@Module({})
export class CliModule {
  static forRoot(config: TesseraConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        AuditModule,
        UsersModule,
        DatabasesModule,
        KeysModule,
        LimitsModule.forRoot(config),
        AuthModule,
        OAuthModule,
        AdminModule,
      ],
    };
  }
}

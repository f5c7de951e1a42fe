import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuardsModule } from './auth/auth-guards.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import { TesseraConfig } from './config/tessera-config';
import { DatabaseModule } from './database/database.module';
import { DatabasesModule } from './databases/databases.module';
import { FederationModule } from './federation/federation.module';
import { HealthModule } from './health/health.module';
import { KeysModule } from './keys/keys.module';
import { LimitsModule } from './limits/limits.module';
import { OAuthModule } from './oauth/oauth.module';
import { ResourcesModule } from './resources/resources.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: TesseraConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        AuditModule,
        UsersModule,
        DatabasesModule,
        KeysModule,
        LimitsModule.forRoot(config),
        AuthModule,
        AuthGuardsModule.withVerifiersFrom(KeysModule, OAuthModule),
        OAuthModule,
        HealthModule,
        ResourcesModule,
        FederationModule,
        AdminModule,
        WebModule,
      ],
    };
  }
}

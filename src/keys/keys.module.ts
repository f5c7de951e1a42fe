import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { API_KEY_VERIFIER } from '../auth/credentials/api-key.verifier';
import { UsersModule } from '../users/users.module';
import { ApiKey } from './api-key.entity';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { KeysController } from './keys.controller';
import { KeysFacade } from './keys.facade';
import { KeysService } from './keys.service';

/** API keys and personal access tokens: `/api/keys`, and the API_KEY_VERIFIER the auth strategies use. */
@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([ApiKey]), UsersModule, AuthModule],
  controllers: [KeysController],
  providers: [KeysService, KeysFacade, ApiKeyAuthenticator, { provide: API_KEY_VERIFIER, useExisting: ApiKeyAuthenticator }],
  exports: [KeysService, KeysFacade, ApiKeyAuthenticator, API_KEY_VERIFIER],
})
export class KeysModule {}

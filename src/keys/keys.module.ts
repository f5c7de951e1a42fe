import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrincipalFactory } from '../auth/principal.factory';
import { UsersModule } from '../users/users.module';
import { ApiKey } from './api-key.entity';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { KeysController } from './keys.controller';
import { KeysFacade } from './keys.facade';
import { KeysService } from './keys.service';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), UsersModule],
  controllers: [KeysController],
  providers: [KeysService, KeysFacade, ApiKeyAuthenticator, PrincipalFactory],
  exports: [KeysService, KeysFacade, ApiKeyAuthenticator],
})
export class KeysModule {}

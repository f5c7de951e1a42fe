import { Global, Module } from '@nestjs/common';
import { CredentialCacheInvalidator } from './credential-cache.invalidator';
import { CredentialCaches } from './credential-caches';

/** One set of credential caches per process, shared by every PrincipalFactory and the key lookup. */
@Global()
@Module({
  providers: [CredentialCaches, CredentialCacheInvalidator],
  exports: [CredentialCaches],
})
export class CredentialCacheModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AccountLinker } from './account-linker';
import { FederatedIdentity } from './entities/federated-identity.entity';
import { FederationLogin } from './entities/federation-login.entity';
import { IdentityProvider } from './entities/identity-provider.entity';
import { FederationService } from './federation.service';
import { IdentityProvidersService } from './identity-providers.service';
import { RequiredProviderRule } from './required-provider.rule';
import { SecretBox } from './secret-box';
import { UpstreamClients } from './upstream-clients';

/**
 * Signing in through the company's identity provider (issue 15): upstream OpenID Connect providers
 * configured at run time, Tessera as their relying party, accounts linked by `iss` + `sub` and
 * provisioned just in time. The pages are the web module's; the admin API is the admin module's.
 */
@Module({
  imports: [TypeOrmModule.forFeature([IdentityProvider, FederatedIdentity, FederationLogin]), AuthModule, UsersModule, AuditModule],
  providers: [SecretBox, IdentityProvidersService, UpstreamClients, AccountLinker, FederationService, RequiredProviderRule],
  exports: [IdentityProvidersService, FederationService, UpstreamClients],
})
export class FederationModule {}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { BaseClient, custom, errors, Issuer } from 'openid-client';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import type { IdentityProvider } from './entities/identity-provider.entity';
import { UpstreamMisconfigured, UpstreamUnavailable } from './federation.errors';
import { IdentityProvidersService } from './identity-providers.service';
import { upstreamHttpOptions } from './upstream-http';

const DISCOVERY_TTL_MS = 5 * 60_000;

/** openid-client's Issuer with Tessera's connection rules for discovery (its static `discover` reads them from the class). */
class UpstreamIssuer extends Issuer<BaseClient> {
  static [custom.http_options] = upstreamHttpOptions;
}

interface Cached {
  version: number;
  expiresAt: number;
  client: BaseClient;
}

/**
 * openid-client's relying-party client for each provider, from its discovery document. Cached per
 * provider for five minutes and for as long as the provider's row is unchanged (an administrator's
 * edit takes effect on the next sign-in, on every instance). A failed discovery is not cached, nor
 * is a document whose `issuer` is not exactly the configured one (OpenID Connect Discovery §4.3).
 */
@Injectable()
export class UpstreamClients {
  private readonly cache = new Map<string, Cached>();
  private readonly logger = new Logger(UpstreamClients.name);

  constructor(
    private readonly providers: IdentityProvidersService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  /** The redirect URI to register at the provider: one per provider, so a response can never be taken for another's (RFC 9700 §4.4). */
  redirectUriOf(providerId: string): string {
    return `${this.config.issuer}/login/federation/${providerId}/callback`;
  }

  async clientFor(provider: IdentityProvider): Promise<BaseClient> {
    const cached = this.cache.get(provider.id);
    if (cached && cached.version === provider.updatedAt.getTime() && cached.expiresAt > Date.now()) return cached.client;
    const client = await this.discover(provider);
    this.cache.set(provider.id, { version: provider.updatedAt.getTime(), expiresAt: Date.now() + DISCOVERY_TTL_MS, client });
    return client;
  }

  private async discover(provider: IdentityProvider): Promise<BaseClient> {
    let issuer: Issuer<BaseClient>;
    try {
      issuer = await UpstreamIssuer.discover(provider.issuer);
    } catch (error) {
      this.logger.warn(`identity provider "${provider.name}": discovery failed: ${(error as Error).message}`);
      throw new UpstreamUnavailable(provider.name);
    }
    issuer[custom.http_options] = upstreamHttpOptions;
    // openid-client 5 does not compare them: a document naming another issuer would let its server
    // sign ID tokens as that issuer, and so sign in to the accounts linked to it (F20).
    if (issuer.metadata.issuer !== provider.issuer) {
      this.logger.warn(
        `identity provider "${provider.name}": its discovery document names the issuer ${String(issuer.metadata.issuer)}, not the configured ${provider.issuer}; sign-ins through it are refused`,
      );
      throw new UpstreamMisconfigured(provider.name);
    }
    const secret = await this.providers.clientSecretOf(provider.id);
    const client = new issuer.Client({
      client_id: provider.clientId,
      ...(secret ? { client_secret: secret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
      redirect_uris: [this.redirectUriOf(provider.id)],
      post_logout_redirect_uris: [`${this.config.issuer}/login`],
      response_types: ['code'],
    });
    client[custom.http_options] = upstreamHttpOptions;
    return client;
  }
}

/** An error from talking to the provider after discovery: was it the network (the provider is down) or a proof that failed? */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof errors.OPError) return false;
  if (error instanceof errors.RPError) return /timed out|expected \d{3}/i.test(error.message);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z_]+$/.test(code);
}

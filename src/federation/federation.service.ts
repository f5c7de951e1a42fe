import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { errors, generators, TokenSet } from 'openid-client';
import { IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { generateSecret, sha256 } from '../common/secrets';
import type { User } from '../users/entities/user.entity';
import { AccountLinker } from './account-linker';
import { FederationLogin } from './entities/federation-login.entity';
import type { IdentityProvider } from './entities/identity-provider.entity';
import { FederatedSignInFailed, UpstreamUnavailable } from './federation.errors';
import { IdentityProvidersService } from './identity-providers.service';
import { isUnreachable, UpstreamClients } from './upstream-clients';

const LOGIN_TTL_MS = 10 * 60_000;

export interface StartRequest {
  providerId: string;
  returnTo: string;
  /** The browser's binding value (a cookie), or null to make one. */
  browserValue: string | null;
  /** OAuth `prompt=login` / `max_age` reaching this sign-in: the provider must authenticate afresh. */
  forceLogin: boolean;
  maxAge: number | null;
  loginHint?: string | null;
}

export interface Started {
  location: string;
  browserValue: string;
}

export interface Completed {
  user: User;
  provider: IdentityProvider;
  returnTo: string;
}

/**
 * Tessera as a relying party (OpenID Connect Core §3.1, authorization code flow) through
 * openid-client: `state` (bound to this browser), `nonce` and PKCE S256 on every request; the ID
 * token's signature checked against the provider's JWKS, with `iss`, `aud`, `exp`, `nonce` and,
 * when asked, `auth_time` (openid-client's `callback`). A `state` is used once: a replayed
 * callback finds it consumed.
 */
@Injectable()
export class FederationService {
  private readonly logger = new Logger('Federation');

  constructor(
    @InjectRepository(FederationLogin) private readonly logins: Repository<FederationLogin>,
    private readonly providers: IdentityProvidersService,
    private readonly clients: UpstreamClients,
    private readonly linker: AccountLinker,
    private readonly audit: AuditService,
  ) {}

  async start(request: StartRequest): Promise<Started> {
    const provider = await this.enabledProvider(request.providerId);
    const client = await this.clients.clientFor(provider);
    const browserValue = request.browserValue && request.browserValue.length >= 43 ? request.browserValue : generateSecret();
    const state = generators.state();
    const nonce = generators.nonce();
    const codeVerifier = generators.codeVerifier();
    const now = new Date();
    await this.logins.delete({ expiresAt: LessThan(now) });
    await this.logins.insert({
      stateHash: sha256(state),
      providerId: provider.id,
      browserHash: sha256(browserValue),
      nonce,
      codeVerifier,
      returnTo: request.returnTo,
      maxAge: request.maxAge,
      expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
      consumedAt: null,
      createdAt: now,
    });
    const location = client.authorizationUrl({
      scope: provider.scopes.join(' '),
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(request.forceLogin ? { prompt: 'login' } : {}),
      ...(request.maxAge !== null ? { max_age: request.maxAge } : {}),
      ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    });
    return { location, browserValue };
  }

  /** The callback: the state this browser started, used once; then the code exchanged and the ID token verified. */
  async complete(providerId: string, callbackUrl: string, browserValue: string | null, ip: string | null): Promise<Completed> {
    const provider = await this.enabledProvider(providerId);
    const client = await this.clients.clientFor(provider);
    const params = client.callbackParams(callbackUrl);
    const login = await this.consume(provider, params.state, browserValue);
    const tokens = await this.exchange(provider, () =>
      client.callback(this.clients.redirectUriOf(provider.id), params, {
        state: params.state,
        nonce: login.nonce,
        code_verifier: login.codeVerifier,
        response_type: 'code',
        ...(login.maxAge !== null ? { max_age: login.maxAge } : {}),
      }),
    );
    const claims = tokens.claims();
    const user = await this.linker.signIn(provider, { issuer: claims.iss, subject: claims.sub, claims: { ...claims } }, ip);
    await this.audit.record({
      event: 'login.succeeded',
      actorId: user.id,
      actorName: user.username,
      ip,
      details: { channel: 'federation', provider: provider.name },
    });
    return { user, provider, returnTo: login.returnTo };
  }

  /**
   * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): where the person's provider has an
   * `end_session_endpoint`, the URL that ends their session there too and comes back to Tessera's
   * login page (`client_id` identifies Tessera; no ID token is kept to send as a hint). Null when
   * the provider has none, is gone or is not answering: signing out of Tessera never waits on it.
   */
  async logoutUrl(providerId: string): Promise<string | null> {
    try {
      const provider = await this.providers.get(providerId);
      const client = await this.clients.clientFor(provider);
      return client.issuer.metadata.end_session_endpoint ? client.endSessionUrl() : null;
    } catch {
      return null;
    }
  }

  /** One conditional UPDATE: of a callback and its replay, exactly one gets the sign-in. */
  private async consume(provider: IdentityProvider, state: string | undefined, browserValue: string | null): Promise<FederationLogin> {
    if (!state || !browserValue) throw new FederatedSignInFailed();
    const stateHash = sha256(state);
    const login = await this.logins.findOneBy({ stateHash, providerId: provider.id, browserHash: sha256(browserValue) });
    const now = new Date();
    const result = login
      ? await this.logins.update({ stateHash, consumedAt: IsNull(), expiresAt: MoreThan(now) }, { consumedAt: now })
      : { affected: 0 };
    if (!login || result.affected !== 1) throw new FederatedSignInFailed();
    return login;
  }

  private async exchange(provider: IdentityProvider, call: () => Promise<TokenSet>): Promise<TokenSet> {
    try {
      return await call();
    } catch (error) {
      if (isUnreachable(error)) {
        this.logger.warn(`Sign-in through "${provider.name}" failed: the provider did not answer (${(error as Error).message})`);
        throw new UpstreamUnavailable(provider.name);
      }
      if (!(error instanceof errors.OPError) && !(error instanceof errors.RPError)) throw error;
      // What failed is logged for the administrator; the person sees one sentence.
      this.logger.warn(`Sign-in through "${provider.name}" refused: ${error.message}`);
      throw new FederatedSignInFailed(
        error instanceof errors.OPError && error.error === 'access_denied'
          ? `${provider.name} did not sign you in. Start again from the sign-in page.`
          : `${provider.name}'s answer could not be verified, so you were not signed in. Start again from the sign-in page.`,
      );
    }
  }

  private async enabledProvider(id: string): Promise<IdentityProvider> {
    const provider = await this.providers.get(id);
    if (!provider.enabled) throw new FederatedSignInFailed('This sign-in option is turned off.');
    return provider;
  }
}

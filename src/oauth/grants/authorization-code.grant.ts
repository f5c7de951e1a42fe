import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { PrincipalFactory } from '../../auth/principal.factory';
import { intersectScopes } from '../../users/scopes';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { AuthorizationCodesService, PKCE_VALUE, s256 } from '../authorize/authorization-codes.service';
import { AuthorizationCode } from '../entities/authorization-code.entity';
import { InvalidGrant } from '../errors/oauth-error';
import { OAuthParameters, required } from '../oauth-parameters';
import { GrantsService } from '../tokens/grants.service';
import { clientCeiling } from '../scope-policy';
import { RevocationFeed } from '../tokens/revocation-feed.service';
import { TokenIssuer } from '../tokens/token-issuer';
import { TokenResponse } from '../tokens/token-response';
import type { OAuthClient } from '../client-auth/oauth-client';
import { GrantHandler, TokenRequest } from './grant-handler';

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6). The code is bound to the client, the redirect URI
 * and the challenge; it is single use, and a replay revokes what the first use issued (§4.1.2).
 */
@Injectable()
export class AuthorizationCodeGrant implements GrantHandler {
  static readonly grantType = 'authorization_code';
  readonly grantType = AuthorizationCodeGrant.grantType;
  readonly takesPersonCredentials = false;

  constructor(
    private readonly codes: AuthorizationCodesService,
    private readonly grants: GrantsService,
    private readonly principals: PrincipalFactory,
    private readonly issuer: TokenIssuer,
    private readonly audit: AuditService,
    private readonly feed: RevocationFeed,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async handle({ params, client, ip }: TokenRequest): Promise<TokenResponse> {
    const code = await this.codes.find(required(params, 'code'));
    if (!code || code.clientId !== client.id) throw new InvalidGrant('The authorization code is invalid or was issued to another client');
    if (code.consumedAt) return this.replayed(code, ip);
    if (code.expiresAt.getTime() <= Date.now()) throw new InvalidGrant('The authorization code has expired');
    if (required(params, 'redirect_uri') !== code.redirectUri)
      throw new InvalidGrant('The redirect_uri does not match the one of the authorization request');
    checkProofKey(code, params);
    if (code.mintedByGrant && !(await this.grants.findActive(code.mintedByGrant)))
      throw new InvalidGrant('The access that authorized this code has been withdrawn');
    if (this.feed.endsUserAt(code.userId, code.createdAt.getTime()))
      throw new InvalidGrant('The account that authorized this code has changed since (a new password, or it was disabled)');
    const consumption = await this.codes.consume(code);
    if (consumption.kind === 'replayed') return this.replayed(consumption.code, ip);
    const owner = await this.principals.authorityOf(code.userId);
    if (!owner || owner.disabled) throw new InvalidGrant('The account that authorized this code is disabled');
    // What the person and the client may hold now: a scope either lost since the code was issued
    // is not given (scope-down, DESIGN §10; review A3), as a refresh is held to the client's ceiling.
    const scopes = intersectScopes(intersectScopes(code.scopes, clientCeiling(client, this.grantType)), owner.scopes);
    await this.grants.create(
      {
        grantType: this.grantType,
        clientId: client.id,
        userId: owner.userId,
        subject: owner.userId,
        scopes,
        nonce: code.nonce,
        authTime: code.authTime,
        mintedByGrant: code.mintedByGrant,
      },
      consumption.grantId,
    );
    return this.issuer.issue({
      client,
      grantType: this.grantType,
      userId: owner.userId,
      actsAsClient: false,
      scopes,
      grantId: consumption.grantId,
      ip,
      withRefreshToken: this.refreshAllowed(client),
      idToken: { nonce: code.nonce, authTime: code.authTime, amr: code.amr ? code.amr.split(' ') : null },
    });
  }

  /** A public client gets no refresh token from the code grant unless the deployment allows it (PUBLIC_CLIENT_REFRESH_TOKENS). */
  private refreshAllowed(client: OAuthClient): boolean {
    if (!client.grantTypes.includes('refresh_token')) return false;
    return client.confidential || this.config.oauth.publicClientRefreshTokens;
  }

  private async replayed(code: AuthorizationCode, ip: string): Promise<never> {
    if (code.grantId) await this.grants.revoke(code.grantId);
    await this.audit.record({
      event: 'code.replayed',
      outcome: 'failure',
      actorId: code.userId,
      clientId: code.clientId,
      target: code.grantId,
      ip,
    });
    throw new InvalidGrant('The authorization code was already used; the tokens issued for it have been revoked');
  }
}

/** RFC 7636 §4.6, and RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade. */
function checkProofKey(code: AuthorizationCode, params: OAuthParameters): void {
  const verifier = params.code_verifier;
  if (!code.codeChallenge) {
    if (verifier) throw new InvalidGrant('A code_verifier was sent but the authorization request had no code_challenge');
    return;
  }
  if (!verifier) throw new InvalidGrant('The code_verifier is required (PKCE)');
  if (!PKCE_VALUE.test(verifier) || s256(verifier) !== code.codeChallenge)
    throw new InvalidGrant('The code_verifier does not match the code_challenge');
}

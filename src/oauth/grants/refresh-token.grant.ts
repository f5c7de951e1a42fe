import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { intersectScopes } from '../../users/scopes';
import { InvalidGrant } from '../errors/oauth-error';
import { required } from '../oauth-parameters';
import { clientCeiling, narrowedScopes } from '../scope-policy';
import { GrantsService } from '../tokens/grants.service';
import { RefreshToken } from '../entities/refresh-token.entity';
import { RefreshTokenCheck } from '../tokens/refresh-token.check';
import { RefreshTokensService } from '../tokens/refresh-tokens.service';
import { TokenIssuer } from '../tokens/token-issuer';
import { TokenResponse } from '../tokens/token-response';
import { GrantHandler, TokenRequest } from './grant-handler';
import type { OAuthClient } from '../client-auth/oauth-client';
import { CONSUMER_CLIENT } from '../client-auth/consumer-client';

/**
 * RFC 6749 §6 with rotation and reuse detection (RFC 9700 §4.14.2): every use returns a new
 * refresh token; presenting a used one revokes the whole grant. Scopes may narrow, never widen.
 */
@Injectable()
export class RefreshTokenGrant implements GrantHandler {
  static readonly grantType = 'refresh_token';
  readonly grantType = RefreshTokenGrant.grantType;
  readonly takesPersonCredentials = true;

  constructor(
    private readonly check: RefreshTokenCheck,
    private readonly refreshTokens: RefreshTokensService,
    private readonly grants: GrantsService,
    private readonly issuer: TokenIssuer,
    private readonly audit: AuditService,
  ) {}

  async handle({ params, client, ip }: TokenRequest): Promise<TokenResponse> {
    const verdict = await this.check.check(required(params, 'refresh_token'));
    if (!verdict.token || verdict.token.clientId !== client.id)
      throw new InvalidGrant('The refresh token is invalid or was issued to another client');
    if (verdict.kind === 'rotated') return this.reused(verdict.token, client.id, ip);
    if (verdict.kind === 'unusable') throw new InvalidGrant(verdict.reason);
    // Everything is checked before rotating (the scope too, F11: a refused request must leave the
    // token usable, or the client loses it and a replay of it can never trip reuse detection);
    // once this request wins the rotation it answers with new tokens, whatever a concurrent loser does.
    const { token, grant, owner } = verdict;
    if (!stillUses(client, grant.grantType))
      throw new InvalidGrant(`This client may no longer use the ${grant.grantType} grant this refresh token continues`);
    const scopes = intersectScopes(narrowedScopes(params.scope, token.scopes), owner.scopes, clientCeiling(client, grant.grantType));
    const outcome = await this.refreshTokens.rotate(token);
    if (outcome.kind === 'reused') return this.reused(outcome.token, client.id, ip);
    return this.issuer.issue({
      client,
      grantType: this.grantType,
      userId: owner.userId,
      actsAsClient: grant.subject !== owner.userId,
      scopes,
      grantId: grant.id,
      withRefreshToken: true,
      refreshScopes: token.scopes,
      refreshExpiresAt: token.expiresAt,
      ip,
    });
  }

  /**
   * A used token again. If its successor was already issued, this is a replay: the whole grant is
   * revoked (RFC 9700 §4.14.2). If not, a concurrent request with the same token is still being
   * answered: this one lost the race and is refused without taking the winner down.
   */
  private async reused(token: RefreshToken, clientId: string, ip: string): Promise<never> {
    if (!(await this.refreshTokens.hasSuccessor(token))) throw new InvalidGrant('The refresh token was just used by a concurrent request');
    await this.grants.revoke(token.grantId);
    await this.audit.record({
      event: 'token.refresh_reused',
      outcome: 'failure',
      actorId: token.userId,
      clientId,
      target: token.grantId,
      ip,
    });
    throw new InvalidGrant('The refresh token was already used; every token of this grant has been revoked');
  }
}

/**
 * An application whose owner took away the grant type a chain started with (the password grant, to
 * stop it collecting passwords) refreshes none of those chains (review A9, with R19's narrowing).
 * Tessera's own portal client and a person acting as her own client are not registered apps.
 */
function stillUses(client: OAuthClient, grantType: string): boolean {
  return client.kind !== 'app' || client.id === CONSUMER_CLIENT.id || client.grantTypes.includes(grantType);
}

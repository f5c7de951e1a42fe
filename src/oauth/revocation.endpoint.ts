import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { ClientAuthenticator } from './client-auth/client-authenticator';
import type { OAuthClient } from './client-auth/oauth-client';
import { collectParameters, required } from './oauth-parameters';
import { AccessTokenCheck } from './tokens/access-token.check';
import { GrantsService } from './tokens/grants.service';
import { RefreshTokenCheck } from './tokens/refresh-token.check';
import { REFRESH_TOKEN_PREFIX } from './tokens/refresh-tokens.service';

export interface BearerRevocationAnswer {
  success: true;
  message: string;
}

/**
 * `POST /oauth2/revoke` (RFC 7009). Revoking either token of a grant revokes the whole grant.
 * An unknown token, or one issued to another client, answers 200 and changes nothing (§2.2).
 * Seed 003's form, `access_token=…` without client credentials, revokes the token it presents
 * (holding the token is the proof) and answers `{ success, message }`.
 */
@Injectable()
export class RevocationEndpoint {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly accessTokens: AccessTokenCheck,
    private readonly refreshTokens: RefreshTokenCheck,
    private readonly grants: GrantsService,
    private readonly audit: AuditService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async revoke(request: FastifyRequest): Promise<BearerRevocationAnswer | undefined> {
    const params = collectParameters(request, this.config.oauth.allowQueryCredentials);
    if (params.access_token && !params.token) return this.revokePresentedAccessToken(params.access_token, request.ip);
    const token = required(params, 'token');
    const client = await this.clients.authenticate(request, params);
    if (token.startsWith(REFRESH_TOKEN_PREFIX)) await this.revokeRefreshToken(token, client, request.ip);
    else await this.revokeAccessToken(token, client, request.ip);
    return undefined;
  }

  private async revokePresentedAccessToken(token: string, ip: string): Promise<BearerRevocationAnswer> {
    const { row } = await this.accessTokens.check(token);
    if (row) {
      await this.grants.revokeAccessToken(row);
      await this.audit.record({ event: 'token.revoked', actorId: row.userId, clientId: row.clientId, target: row.jti, ip, details: { via: 'access_token' } });
    }
    return { success: true, message: 'The access token and its refresh token are revoked' };
  }

  private async revokeRefreshToken(token: string, client: OAuthClient, ip: string): Promise<void> {
    const { token: row } = await this.refreshTokens.check(token);
    if (!row || row.clientId !== client.id) return;
    await this.grants.revoke(row.grantId);
    await this.audit.record({ event: 'token.revoked', actorId: row.userId, clientId: client.id, target: row.grantId, ip, details: { type: 'refresh_token' } });
  }

  private async revokeAccessToken(token: string, client: OAuthClient, ip: string): Promise<void> {
    const { row } = await this.accessTokens.check(token);
    if (!row || row.clientId !== client.id) return;
    await this.grants.revokeAccessToken(row);
    await this.audit.record({ event: 'token.revoked', actorId: row.userId, clientId: client.id, target: row.jti, ip, details: { type: 'access_token' } });
  }
}

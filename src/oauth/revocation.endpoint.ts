import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { ClientAuthenticator } from './client-auth/client-authenticator';
import type { OAuthClient } from './client-auth/oauth-client';
import { InvalidClient } from './errors/oauth-error';
import { collectParameters, OAuthParameters, required } from './oauth-parameters';
import { AccessTokenCheck, AccessTokenFacts } from './tokens/access-token.check';
import { GrantsService } from './tokens/grants.service';
import { RefreshTokenCheck } from './tokens/refresh-token.check';
import { REFRESH_TOKEN_PREFIX } from './tokens/refresh-tokens.service';
import { namedSchema } from '../common/openapi/schema-registry';

export interface BearerRevocationAnswer {
  success: true;
  message: string;
}

/**
 * `POST /oauth2/revoke` (RFC 7009). Revoking either token of a grant revokes the whole grant.
 * An unknown token, or one issued to another client, answers 200 and changes nothing (§2.2).
 * netrex's form, `access_token=…`, answers `{ success, message }`. With client credentials it
 * revokes that client's tokens; without, only a public client's (holding the token is all a
 * public client could prove anyway). A confidential client's token without them → 401 (F10).
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
    if (params.access_token && !params.token) return this.revokeByAccessTokenForm(request, params);
    const token = required(params, 'token');
    const client = await this.clients.authenticate(request, params);
    if (token.startsWith(REFRESH_TOKEN_PREFIX)) await this.revokeRefreshToken(token, client, request.ip);
    else await this.revokeAccessToken(token, client, request.ip);
    return undefined;
  }

  private async revokeByAccessTokenForm(request: FastifyRequest, params: OAuthParameters): Promise<BearerRevocationAnswer> {
    const caller = await this.clients.authenticateIfPresented(request, params);
    const { token } = await this.accessTokens.check(params.access_token);
    if (!token || !(await this.mayRevoke(token, caller)))
      return { success: true, message: "Nothing was revoked: the token is unknown, already invalid, or not this client's" };
    if (!(await this.grants.revokeAccessToken(token)))
      return { success: true, message: 'Nothing more was revoked: the token was already revoked' };
    await this.audit.record({
      event: 'token.revoked',
      actorId: token.ownerId,
      clientId: token.clientId,
      target: token.jti,
      ip: request.ip,
      details: { via: 'access_token' },
    });
    return { success: true, message: 'The access token and its refresh token are revoked' };
  }

  /** F10: a client revokes its own tokens; nobody unauthenticated ends a confidential client's grant. */
  private async mayRevoke(token: AccessTokenFacts, caller: OAuthClient | null): Promise<boolean> {
    if (caller) return token.clientId === caller.id;
    if (await this.clients.isPublic(token.clientId)) return true;
    throw new InvalidClient('This token belongs to a confidential client: authenticate as that client to revoke it');
  }

  private async revokeRefreshToken(token: string, client: OAuthClient, ip: string): Promise<void> {
    const { token: row } = await this.refreshTokens.check(token);
    if (!row || row.clientId !== client.id || !(await this.grants.revoke(row.grantId))) return;
    await this.audit.record({
      event: 'token.revoked',
      actorId: row.userId,
      clientId: client.id,
      target: row.grantId,
      ip,
      details: { type: 'refresh_token' },
    });
  }

  private async revokeAccessToken(token: string, client: OAuthClient, ip: string): Promise<void> {
    const { token: facts } = await this.accessTokens.check(token);
    if (!facts || facts.clientId !== client.id || !(await this.grants.revokeAccessToken(facts))) return;
    await this.audit.record({
      event: 'token.revoked',
      actorId: facts.ownerId,
      clientId: client.id,
      target: facts.jti,
      ip,
      details: { type: 'access_token' },
    });
  }
}

export const REVOCATION_SCHEMA = namedSchema('Revocation', {
  type: 'object',
  description: 'RFC 7009 §2.2 answers 200 with an empty body; the `access_token=` form answers with this message',
  properties: { success: { type: 'boolean' }, message: { type: 'string' } },
});

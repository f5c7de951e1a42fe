import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { UsersService } from '../users/users.service';
import { ClientAuthenticator } from './client-auth/client-authenticator';
import { InvalidClient } from './errors/oauth-error';
import { collectParameters, required } from './oauth-parameters';
import { AccessTokensService } from './tokens/access-tokens.service';
import { GrantsService } from './tokens/grants.service';
import { REFRESH_TOKEN_PREFIX, RefreshTokensService } from './tokens/refresh-tokens.service';

export type IntrospectionAnswer = { active: false } | ({ active: true } & Record<string, unknown>);

const INACTIVE: IntrospectionAnswer = { active: false };

/** `POST /oauth2/introspect` (RFC 7662) for authenticated (confidential) clients. */
@Injectable()
export class IntrospectionEndpoint {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly accessTokens: AccessTokensService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly grants: GrantsService,
    private readonly users: UsersService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async introspect(request: FastifyRequest): Promise<IntrospectionAnswer> {
    const params = collectParameters(request, this.config.oauth.allowQueryCredentials);
    const client = await this.clients.authenticate(request, params);
    if (client.method === 'none') throw new InvalidClient('Introspection needs an authenticated (confidential) client');
    const token = required(params, 'token');
    return token.startsWith(REFRESH_TOKEN_PREFIX) ? this.refreshToken(token) : this.accessToken(token);
  }

  private async accessToken(token: string): Promise<IntrospectionAnswer> {
    const claims = await this.accessTokens.verifySignature(token);
    const row = claims ? await this.accessTokens.findActive(claims.jti) : null;
    if (!claims || !row || !(await this.ownerActive(row.userId))) return INACTIVE;
    const user = row.userId ? await this.users.findById(row.userId) : null;
    return {
      active: true, token_type: 'Bearer', scope: claims.scope, client_id: claims.client_id, username: user?.username ?? null,
      sub: claims.sub, aud: claims.aud, iss: claims.iss, exp: claims.exp, iat: claims.iat, jti: claims.jti,
    };
  }

  private async refreshToken(token: string): Promise<IntrospectionAnswer> {
    const row = await this.refreshTokens.find(token);
    const now = Date.now();
    if (!row || row.rotatedAt || row.revokedAt || row.expiresAt.getTime() <= now || row.idleExpiresAt.getTime() <= now) return INACTIVE;
    if (!(await this.grants.findActive(row.grantId)) || !(await this.ownerActive(row.userId))) return INACTIVE;
    return {
      active: true, token_type: 'refresh_token', scope: row.scopes.join(' '), client_id: row.clientId, iss: this.config.issuer,
      exp: Math.floor(row.idleExpiresAt.getTime() / 1000), iat: Math.floor(row.createdAt.getTime() / 1000),
    };
  }

  private async ownerActive(userId: string | null): Promise<boolean> {
    const owner = userId ? await this.users.authorityOf(userId) : null;
    return Boolean(owner && !owner.disabled);
  }
}

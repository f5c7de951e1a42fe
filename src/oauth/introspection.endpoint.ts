import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { ClientAuthenticator } from './client-auth/client-authenticator';
import type { OAuthClient } from './client-auth/oauth-client';
import { InvalidClient } from './errors/oauth-error';
import { collectParameters, required } from './oauth-parameters';
import { AccessTokenCheck } from './tokens/access-token.check';
import { RefreshTokenCheck } from './tokens/refresh-token.check';
import { REFRESH_TOKEN_PREFIX } from './tokens/refresh-tokens.service';
import { namedSchema } from '../common/openapi/schema-registry';
import type { Authority } from '../users/authority';
import { intersectScopes } from '../users/scopes';

export type IntrospectionAnswer = { active: false } | ({ active: true } & Record<string, unknown>);

const INACTIVE: IntrospectionAnswer = { active: false };

/**
 * `POST /oauth2/introspect` (RFC 7662), for resource servers (F9). An authenticated confidential
 * client may introspect its own tokens; one an administrator marked (`introspection`) may also
 * introspect every client's access tokens; a refresh token only ever by its own client. For any
 * other token the answer is `{active: false}`, as for an unknown one (RFC 7662 §2.2: "the
 * protected resource is not allowed to introspect this particular token"), so it reveals nothing.
 */
@Injectable()
export class IntrospectionEndpoint {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly accessTokens: AccessTokenCheck,
    private readonly refreshTokens: RefreshTokenCheck,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async introspect(request: FastifyRequest): Promise<IntrospectionAnswer> {
    const params = collectParameters(request, this.config.oauth.allowQueryCredentials);
    const client = await this.clients.authenticate(request, params);
    if (client.method === 'none') throw new InvalidClient('Introspection needs an authenticated (confidential) client');
    const token = required(params, 'token');
    return token.startsWith(REFRESH_TOKEN_PREFIX) ? this.refreshToken(token, client) : this.accessToken(token, client);
  }

  private async accessToken(token: string, caller: OAuthClient): Promise<IntrospectionAnswer> {
    const verdict = await this.accessTokens.check(token);
    if (!verdict.usable || !(caller.introspection || verdict.claims.client_id === caller.id)) return INACTIVE;
    const { claims, owner } = verdict;
    return {
      active: true,
      token_type: 'Bearer',
      scope: actingScopes(claims.scope.split(' '), owner),
      client_id: claims.client_id,
      username: owner.username,
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
    };
  }

  private async refreshToken(token: string, caller: OAuthClient): Promise<IntrospectionAnswer> {
    const verdict = await this.refreshTokens.check(token);
    if (verdict.kind !== 'usable' || verdict.token.clientId !== caller.id) return INACTIVE;
    const row = verdict.token;
    return {
      active: true,
      token_type: 'refresh_token',
      scope: actingScopes(row.scopes, verdict.owner),
      client_id: row.clientId,
      iss: this.config.issuer,
      exp: Math.floor(row.idleExpiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
    };
  }
}

/**
 * The scopes a token acts with now: those it was issued ∩ its owner's current ones, as the
 * resource API's principal has them (R06), so a resource server never honours a scope taken away.
 */
function actingScopes(issued: readonly string[], owner: Authority): string {
  return intersectScopes(issued, owner.scopes).join(' ');
}

export const INTROSPECTION_SCHEMA = namedSchema('Introspection', {
  type: 'object',
  required: ['active'],
  description: 'RFC 7662 §2.2; an unknown, expired or foreign token answers only `{"active": false}`',
  properties: {
    active: { type: 'boolean' },
    token_type: { type: 'string', enum: ['Bearer', 'refresh_token'] },
    scope: { type: 'string' },
    client_id: { type: 'string' },
    username: { type: 'string' },
    sub: { type: 'string' },
    aud: { type: 'string' },
    iss: { type: 'string' },
    exp: { type: 'integer' },
    iat: { type: 'integer' },
    jti: { type: 'string' },
  },
});

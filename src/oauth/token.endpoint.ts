import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { ClientAuthenticator } from './client-auth/client-authenticator';
import { InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from './errors/oauth-error';
import { GrantHandler } from './grants/grant-handler';
import { GRANTS } from './grants';
import { collectParameters } from './oauth-parameters';
import { TokenResponse } from './tokens/token-response';

/**
 * `POST /oauth2/token` (RFC 6749 §3.2) as a pipeline: read the parameters → the grant type is
 * one we support → authenticate the client → the client may use that grant → the grant's handler.
 */
@Injectable()
export class TokenEndpoint {
  private readonly handlers: ReadonlyMap<string, GrantHandler>;

  constructor(
    private readonly clients: ClientAuthenticator,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    @Inject(GRANTS) handlers: GrantHandler[],
  ) {
    this.handlers = new Map(handlers.map((handler) => [handler.grantType, handler]));
  }

  async token(request: FastifyRequest): Promise<TokenResponse> {
    const params = collectParameters(request, this.config.oauth.allowQueryCredentials);
    const grantType = params.grant_type;
    if (!grantType) throw new InvalidRequest('The parameter "grant_type" is required');
    const handler = this.handlers.get(grantType);
    if (!handler) throw new UnsupportedGrantType(grantType, [...this.handlers.keys()]);
    const client = await this.clients.authenticate(request, params, handler.takesPersonCredentials ? grantType : null);
    if (!client.grantTypes.includes(grantType)) throw new UnauthorizedClient(`This client is not allowed to use the ${grantType} grant`);
    return handler.handle({ params, client, ip: request.ip });
  }
}

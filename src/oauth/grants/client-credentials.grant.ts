import { Injectable } from '@nestjs/common';
import { PrincipalFactory } from '../../auth/principal.factory';
import { UnauthorizedClient } from '../errors/oauth-error';
import { clientCeiling, grantedScopes } from '../scope-policy';
import { TokenIssuer } from '../tokens/token-issuer';
import { TokenResponse } from '../tokens/token-response';
import { GrantHandler, TokenRequest } from './grant-handler';

/**
 * RFC 6749 §4.4. The token acts with its owner's rights (docs/decisions.md, "Scopes"): the app's
 * creator, or the API user itself (d.vinci's API users). A person's `username:password` as client
 * credentials (Fusio) acts as that person and gets a refresh token. Apps get one only when
 * configured to.
 */
@Injectable()
export class ClientCredentialsGrant implements GrantHandler {
  static readonly grantType = 'client_credentials';
  readonly grantType = ClientCredentialsGrant.grantType;
  readonly takesPersonCredentials = true;

  constructor(
    private readonly principals: PrincipalFactory,
    private readonly issuer: TokenIssuer,
  ) {}

  async handle({ params, client, ip }: TokenRequest): Promise<TokenResponse> {
    const owner = client.ownerId ? await this.principals.authorityOf(client.ownerId) : null;
    if (!owner || owner.disabled) throw new UnauthorizedClient('The account this client acts for is disabled or gone');
    const person = client.kind === 'user';
    // A client acting for itself never mints credentials: `account` is for a person's own tokens.
    const scopes = grantedScopes(params.scope, clientCeiling(client, this.grantType), owner.scopes, person);
    return this.issuer.issue({
      client,
      grantType: this.grantType,
      userId: owner.userId,
      actsAsClient: !person,
      scopes,
      grantId: null,
      ip,
      ...(person ? { authTime: new Date() } : {}),
      withRefreshToken: person || client.clientCredentialsRefresh,
    });
  }
}

import { Injectable } from '@nestjs/common';
import { PrincipalFactory } from '../../auth/principal.factory';
import { PasswordSignIn, SIGN_IN_REFUSALS } from '../../auth/two-factor/password-sign-in';
import { InvalidGrant } from '../errors/oauth-error';
import { required } from '../oauth-parameters';
import { clientCeiling, grantedScopes } from '../scope-policy';
import { TokenIssuer } from '../tokens/token-issuer';
import { TokenResponse } from '../tokens/token-response';
import { GrantHandler, TokenRequest } from './grant-handler';

/**
 * RFC 6749 §4.3, which DAS's clients use. Only for clients registered with the `password` grant type; the
 * password check is the users module's (argon2id, lockout, audit). This grant cannot prompt, so a
 * person who signs in with two factors sends the code as the extra parameter `otp` (issue 15).
 */
@Injectable()
export class PasswordGrant implements GrantHandler {
  static readonly grantType = 'password';
  readonly grantType = PasswordGrant.grantType;
  readonly takesPersonCredentials = false;

  constructor(
    private readonly signIns: PasswordSignIn,
    private readonly principals: PrincipalFactory,
    private readonly issuer: TokenIssuer,
  ) {}

  async handle({ params, client, ip }: TokenRequest): Promise<TokenResponse> {
    const username = required(params, 'username');
    const password = required(params, 'password');
    const signedIn = await this.signIns.signIn(username, password, params.otp, { ip, channel: 'oauth-password' });
    if (!signedIn.user) throw new InvalidGrant(SIGN_IN_REFUSALS[signedIn.refusal]);
    const user = signedIn.user;
    const owner = await this.principals.authorityOf(user.id);
    if (!owner || owner.disabled) throw new InvalidGrant(SIGN_IN_REFUSALS.credentials);
    // DESIGN §10: a password-grant token carries the person's role scopes, `account` included (she
    // handed over the password itself; DAS's walk-through mints codes with it): first-party.
    const scopes = grantedScopes(params.scope, clientCeiling(client, this.grantType), owner.scopes, true);
    return this.issuer.issue({
      client,
      grantType: this.grantType,
      userId: user.id,
      actsAsClient: false,
      scopes,
      grantId: null,
      ip,
      authTime: new Date(),
      withRefreshToken: client.grantTypes.includes('refresh_token'),
    });
  }
}

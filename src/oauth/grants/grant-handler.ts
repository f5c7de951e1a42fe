import type { OAuthClient } from '../client-auth/oauth-client';
import type { OAuthParameters } from '../oauth-parameters';
import type { TokenResponse } from '../tokens/token-response';

export interface TokenRequest {
  params: OAuthParameters;
  client: OAuthClient;
  ip: string;
}

/** One grant type at the token endpoint (RFC 6749 §4): the only place its rules live. */
export interface GrantHandler {
  readonly grantType: string;
  /** A person's `username:password` may stand in for client credentials with this grant, as Fusio's clients send it. */
  readonly takesPersonCredentials: boolean;
  handle(request: TokenRequest): Promise<TokenResponse>;
}

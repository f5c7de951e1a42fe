import type { Principal } from '../principal';

/**
 * Verifies a Bearer JWT access token and gives its Principal, or null when the token is not
 * valid now (bad signature, expired, revoked, owner disabled). Provided by the oauth module.
 */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal | null>;
}

export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');

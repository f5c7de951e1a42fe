/**
 * Who is asking at the token endpoint, whichever way it authenticated: a registered application,
 * an API user (d.vinci's: username as client_id, API token as secret), or a person whose
 * `username:password` was sent as client credentials (Fusio's).
 */
export interface OAuthClient {
  readonly id: string;
  readonly kind: 'app' | 'api-user' | 'user';
  readonly name: string;
  readonly confidential: boolean;
  /** How it proved itself: a secret, or nothing (a public client). */
  readonly method: 'client_secret_basic' | 'client_secret_post' | 'none';
  readonly grantTypes: readonly string[];
  /** The most it may ask for. */
  readonly scopes: readonly string[];
  /** The user whose rights a client-credentials token carries: the app's owner, the API user, the person. */
  readonly ownerId: string | null;
  readonly accessTokenTtl: number | null;
  readonly refreshTokenTtl: number | null;
  readonly clientCredentialsRefresh: boolean;
  readonly redirectUris: readonly string[];
  /** May introspect other clients' access tokens (an administrator marked it a resource server, F9). */
  readonly introspection: boolean;
  /**
   * When its credentials began to be checked (ms). Tokens count as issued then, so a secret
   * rotated or an owner disabled meanwhile refuses them (issue 16: not-before times).
   */
  readonly authenticatedAt?: number;
}

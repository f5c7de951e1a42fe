import { ALL_SCOPES } from '../../users/scopes';
import type { OAuthClient } from './oauth-client';

/**
 * The built-in public client behind the Fusio-compatible `/consumer/login`. Its refresh tokens are used at
 * `/oauth2/token` with `grant_type=refresh_token&client_id=consumer`.
 */
export const CONSUMER_CLIENT: OAuthClient = Object.freeze({
  id: 'consumer',
  kind: 'app',
  name: 'Tessera developer portal',
  confidential: false,
  method: 'none',
  grantTypes: ['refresh_token'],
  scopes: ALL_SCOPES,
  ownerId: null,
  accessTokenTtl: null,
  refreshTokenTtl: null,
  clientCredentialsRefresh: false,
  redirectUris: [],
  introspection: false,
});

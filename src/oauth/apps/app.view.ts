import type { Client } from '../../clients/client.entity';
import { namedSchema } from '../../common/openapi/schema-registry';

/** The JSON shape of a client application (docs/decisions.md, "Management API shapes"); `client_secret` only when just generated. */
export interface AppView {
  client_id: string;
  client_secret?: string;
  name: string;
  description: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  confidential: boolean;
  grant_types: string[];
  scopes: string[];
  access_token_ttl: number | null;
  refresh_token_ttl: number | null;
  client_credentials_refresh: boolean;
  created_at: string;
}

export function toAppView(client: Client, secret?: string | null): AppView {
  return {
    client_id: client.clientId,
    ...(secret ? { client_secret: secret } : {}),
    name: client.name,
    description: client.description,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    confidential: client.confidential,
    grant_types: client.grantTypes,
    scopes: client.scopes,
    access_token_ttl: client.accessTokenTtl,
    refresh_token_ttl: client.refreshTokenTtl,
    client_credentials_refresh: client.clientCredentialsRefresh,
    created_at: client.createdAt.toISOString(),
  };
}

export const APP_SCHEMA = namedSchema('App', {
  type: 'object',
  required: ['client_id', 'name', 'redirect_uris', 'confidential', 'grant_types', 'scopes', 'created_at'],
  properties: {
    client_id: { type: 'string' },
    client_secret: { type: 'string', description: 'Only in the answer that created it or generated a new one' },
    name: { type: 'string', example: 'Room planner' },
    description: { type: 'string', nullable: true },
    redirect_uris: { type: 'array', items: { type: 'string', format: 'uri' }, example: ['https://planner.example/callback'] },
    post_logout_redirect_uris: { type: 'array', items: { type: 'string', format: 'uri' } },
    confidential: { type: 'boolean' },
    grant_types: { type: 'array', items: { type: 'string' }, example: ['authorization_code', 'refresh_token'] },
    scopes: { type: 'array', items: { type: 'string' }, example: ['openid', 'read'] },
    access_token_ttl: { type: 'integer', nullable: true, description: 'Seconds; null: the server default' },
    refresh_token_ttl: { type: 'integer', nullable: true, description: 'Seconds; null: the server default' },
    client_credentials_refresh: { type: 'boolean' },
    created_at: { type: 'string', format: 'date-time' },
  },
});

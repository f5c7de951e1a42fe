import type { Client } from '../../clients/client.entity';

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

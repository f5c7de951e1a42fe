/**
 * What `GET /` answers a program: where everything is, as absolute URLs under the issuer (like
 * GitHub's API root). `{…}` marks a path parameter.
 */
export function endpointIndex(issuer: string) {
  const at = (path: string) => `${issuer}${path}`;
  return {
    name: 'Tessera',
    issuer,
    documentation: { openapi: at('/docs'), openapi_json: at('/docs/json') },
    oauth: {
      metadata: at('/.well-known/oauth-authorization-server'),
      openid_configuration: at('/.well-known/openid-configuration'),
      authorization_endpoint: at('/oauth2/authorize'),
      token_endpoint: at('/oauth2/token'),
      revocation_endpoint: at('/oauth2/revoke'),
      introspection_endpoint: at('/oauth2/introspect'),
      userinfo_endpoint: at('/oauth2/userinfo'),
      jwks_uri: at('/oauth2/jwks'),
      consumer_login: at('/consumer/login'),
    },
    resources: {
      rest: at('/api/database/{database}/{rooms|items|occurrences}'),
      odata: at('/odata/{database}/'),
    },
    management: {
      me: at('/api/me'),
      apps: at('/api/apps'),
      keys: at('/api/keys'),
      grants: at('/api/grants'),
      admin_users: at('/api/admin/users'),
      admin_roles: at('/api/admin/roles'),
      admin_audit: at('/api/admin/audit'),
    },
    console: { login: at('/login'), account: at('/account'), admin: at('/admin') },
    health: { live: at('/health'), ready: at('/health/ready') },
  };
}

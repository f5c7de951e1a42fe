import type { GroupMapping } from '../../federation/claim-mapping';
import type { IdentityProvider } from '../../federation/entities/identity-provider.entity';
import { namedSchema } from '../../common/openapi/schema-registry';

/** An identity provider as the admin API shows it: never the client secret, only whether one is set. */
export interface IdentityProviderView {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  client_secret_set: boolean;
  scopes: string[];
  domains: string[];
  required: boolean;
  enabled: boolean;
  username_claim: string;
  email_claim: string;
  groups_claim: string | null;
  group_mappings: GroupMapping[];
  /** The redirect URI to register at the provider. */
  redirect_uri: string;
  created_at: string;
  updated_at: string;
}

const text = { type: 'string' } as const;
const words = { type: 'array', items: text } as const;

export const IDENTITY_PROVIDER_SCHEMA = namedSchema('IdentityProvider', {
  type: 'object',
  required: ['id', 'name', 'issuer', 'client_id', 'client_secret_set', 'scopes', 'domains', 'required', 'enabled', 'redirect_uri'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', example: 'Contoso (Entra ID)' },
    issuer: { type: 'string', example: 'https://login.microsoftonline.com/<tenant>/v2.0' },
    client_id: text,
    client_secret_set: { type: 'boolean', description: 'The secret itself is never returned' },
    scopes: { ...words, example: ['openid', 'profile', 'email'] },
    domains: { ...words, example: ['contoso.com'] },
    required: { type: 'boolean', description: 'People of these domains cannot use a local password' },
    enabled: { type: 'boolean' },
    username_claim: text,
    email_claim: text,
    groups_claim: { type: 'string', nullable: true },
    group_mappings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          value: text,
          roles: words,
          database_access: { type: 'object', additionalProperties: { type: 'string', enum: ['read', 'write'] } },
        },
      },
    },
    redirect_uri: { type: 'string', description: 'Register exactly this URI at the provider' },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
});

export function toIdentityProviderView(provider: IdentityProvider, secretSet: boolean, redirectUri: string): IdentityProviderView {
  const mapping = provider.claimMapping;
  return {
    id: provider.id,
    name: provider.name,
    issuer: provider.issuer,
    client_id: provider.clientId,
    client_secret_set: secretSet,
    scopes: provider.scopes,
    domains: provider.domains,
    required: provider.required,
    enabled: provider.enabled,
    username_claim: mapping.username_claim,
    email_claim: mapping.email_claim,
    groups_claim: mapping.groups_claim,
    group_mappings: mapping.group_mappings,
    redirect_uri: redirectUri,
    created_at: provider.createdAt.toISOString(),
    updated_at: provider.updatedAt.toISOString(),
  };
}

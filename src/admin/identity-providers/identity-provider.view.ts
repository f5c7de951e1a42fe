import type { GroupMapping } from '../../federation/claim-mapping';
import type { IdentityProvider } from '../../federation/entities/identity-provider.entity';

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

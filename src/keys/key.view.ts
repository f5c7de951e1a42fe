import type { ApiKey } from './api-key.entity';

/** The JSON shape of a key (docs/decisions.md, "Management API shapes"); `key` appears only in the answer that created it. */
export interface KeyView {
  id: string;
  name: string;
  type: string;
  prefix: string;
  scopes: string[];
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  key?: string;
}

export function toKeyView(key: ApiKey, secret?: string): KeyView {
  return {
    id: key.id,
    ...(secret ? { key: secret } : {}),
    name: key.name,
    type: key.kind,
    prefix: key.prefix,
    scopes: key.scopes,
    expires_at: key.expiresAt?.toISOString() ?? null,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
  };
}

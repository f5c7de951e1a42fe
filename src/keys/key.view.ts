import type { ApiKey } from './api-key.entity';
import { namedSchema } from '../common/openapi/schema-registry';

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

export const KEY_SCHEMA = namedSchema('Key', {
  type: 'object',
  required: ['id', 'name', 'type', 'prefix', 'scopes', 'expires_at', 'created_at', 'last_used_at'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    key: { type: 'string', description: 'The secret, only in the answer that created the key', example: 'tk_live_…' },
    name: { type: 'string', example: 'Power BI dashboard' },
    type: { type: 'string', enum: ['api_key', 'personal_token'] },
    prefix: { type: 'string', description: 'The first characters of the key, to recognise it' },
    scopes: { type: 'array', items: { type: 'string' }, example: ['read'] },
    expires_at: { type: 'string', format: 'date-time', nullable: true },
    created_at: { type: 'string', format: 'date-time' },
    last_used_at: { type: 'string', format: 'date-time', nullable: true },
  },
});

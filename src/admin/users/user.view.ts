import type { User } from '../../users/entities/user.entity';
import { namedSchema } from '../../common/openapi/schema-registry';

/** The JSON shape of a user (docs/decisions.md, "Management API shapes"); a field with no value is `null`. */
export interface UserView {
  id: string;
  username: string;
  email: string | null;
  kind: string;
  roles: string[];
  database_access: Record<string, string>;
  full_access: boolean;
  disabled: boolean;
  oauth2_enabled: boolean;
  access_token_ttl_minutes: number | null;
  created_at: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    email: user.email ?? null,
    kind: user.kind,
    roles: (user.roles ?? []).map((role) => role.name).sort(),
    database_access: Object.fromEntries((user.databaseAccess ?? []).map((row) => [row.databaseId, row.level])),
    full_access: user.fullAccess,
    disabled: user.disabled,
    oauth2_enabled: user.oauth2Enabled,
    access_token_ttl_minutes: user.accessTokenTtlMinutes ?? null,
    created_at: user.createdAt.toISOString(),
  };
}

/** The answer to `POST /api/admin/users/:id/api-token`, shown once: the API user's client credentials. */
export interface ApiTokenView {
  client_id: string;
  client_secret: string;
}

export const USER_SCHEMA = namedSchema('User', {
  type: 'object',
  required: ['id', 'username', 'kind', 'roles', 'database_access', 'full_access', 'disabled', 'created_at'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    username: { type: 'string', example: 'alice' },
    email: { type: 'string', format: 'email', nullable: true },
    kind: { type: 'string', enum: ['person', 'api'] },
    roles: { type: 'array', items: { type: 'string' }, example: ['reader'] },
    database_access: { type: 'object', additionalProperties: { type: 'string', enum: ['read', 'write'] }, example: { demo: 'read' } },
    full_access: { type: 'boolean' },
    disabled: { type: 'boolean' },
    oauth2_enabled: { type: 'boolean' },
    access_token_ttl_minutes: { type: 'integer', nullable: true },
    created_at: { type: 'string', format: 'date-time' },
  },
});

export const API_TOKEN_SCHEMA = namedSchema('ApiToken', {
  type: 'object',
  required: ['client_id', 'client_secret'],
  properties: { client_id: { type: 'string' }, client_secret: { type: 'string', description: 'Shown once' } },
});

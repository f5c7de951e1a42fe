import type { User } from '../../users/entities/user.entity';

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

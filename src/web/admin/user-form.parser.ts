import { listOf, textOf } from '../forms/field-errors';
import type { UserFormValues } from './user-form.view';

type FormBody = Record<string, unknown>;

/** What the user form posted, as the fields of the JSON API (so both share one validation). */
export function userFieldsFrom(body: FormBody, kind: 'person' | 'api', mode: 'create' | 'edit'): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    roles: listOf(body.roles),
    full_access: body.access === 'full',
    database_access: databaseAccessFrom(body),
  };
  if (mode === 'create' || kind === 'person') fields.username = textOf(body.username);
  if (mode === 'edit') fields.disabled = body.disabled === 'true';
  if (kind === 'person') {
    fields.email = textOf(body.email) || null;
    const password = typeof body.password === 'string' ? body.password : '';
    if (password || mode === 'create') fields.password = password;
  } else {
    fields.oauth2_enabled = body.oauth2_enabled === 'true';
    const ttl = textOf(body.access_token_ttl_minutes);
    fields.access_token_ttl_minutes = ttl === '' ? null : /^\d+$/.test(ttl) ? Number(ttl) : ttl;
  }
  return fields;
}

function databaseAccessFrom(body: FormBody): Record<string, string> {
  const access: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('db:') && (value === 'read' || value === 'write')) access[name.slice(3)] = value;
  }
  return access;
}

/** The values to show again in a form that was refused. */
export function formValuesFrom(fields: Record<string, unknown>): UserFormValues {
  return {
    username: fields.username as string | undefined,
    email: fields.email as string | null | undefined,
    roles: fields.roles as string[],
    fullAccess: fields.full_access as boolean,
    databaseAccess: fields.database_access as Record<string, string>,
    disabled: fields.disabled as boolean | undefined,
    oauth2Enabled: fields.oauth2_enabled as boolean | undefined,
    ttlMinutes:
      fields.access_token_ttl_minutes === null || fields.access_token_ttl_minutes === undefined
        ? ''
        : String(fields.access_token_ttl_minutes),
  };
}

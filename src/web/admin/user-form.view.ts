import type { UserView } from '../../admin/users/user.view';
import type { FieldErrors } from '../forms/field-errors';
import { checkbox, checkboxes, formError, postForm } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';
import { passwordRules } from '../../users/passwords/password.policy';

export interface UserFormValues {
  username?: string;
  email?: string | null;
  roles?: string[];
  fullAccess?: boolean;
  databaseAccess?: Record<string, string>;
  disabled?: boolean;
  oauth2Enabled?: boolean;
  ttlMinutes?: string;
}

export interface UserFormOptions {
  action: string;
  csrfToken: string;
  kind: 'person' | 'api';
  mode: 'create' | 'edit';
  roles: string[];
  databases: { id: string; name: string }[];
  values: UserFormValues;
  errors: FieldErrors;
  submitLabel: string;
}

export function valuesOf(user: UserView): UserFormValues {
  return {
    username: user.username,
    email: user.email,
    roles: user.roles,
    fullAccess: user.full_access,
    databaseAccess: user.database_access,
    disabled: user.disabled,
    oauth2Enabled: user.oauth2_enabled,
    ttlMinutes: user.access_token_ttl_minutes?.toString() ?? '',
  };
}

/** The form for a person or an API user: identity, roles, database access, and the kind's own settings. */
export function userForm(options: UserFormOptions): Html {
  const { values, errors } = options;
  return postForm(
    options.action,
    options.csrfToken,
    html`
  ${formError(errors._form)}
  ${options.mode === 'create' || options.kind === 'person' ? field({ label: options.kind === 'api' ? 'User name (its client_id)' : 'User name', name: 'username', value: values.username, error: errors.username, required: true }) : null}
  ${
    options.kind === 'person'
      ? html`
    ${field({ label: 'E-mail (optional)', name: 'email', type: 'email', value: values.email, error: errors.email })}
    ${field({ label: options.mode === 'create' ? 'Password' : 'New password (leave empty to keep)', name: 'password', type: 'password', error: errors.password, required: options.mode === 'create', autocomplete: 'new-password', hint: passwordRules() })}
  `
      : html`
    ${checkbox({ label: 'OAuth 2.0 enabled (client credentials)', name: 'oauth2_enabled', checked: values.oauth2Enabled ?? false, error: errors.oauth2_enabled })}
    ${field({ label: 'Access-token lifetime (minutes)', name: 'access_token_ttl_minutes', type: 'number', value: values.ttlMinutes, error: errors.access_token_ttl_minutes, hint: 'Empty: the server’s default lifetime' })}
  `
  }
  ${checkboxes({ legend: 'Roles', name: 'roles', choices: options.roles.map((role) => ({ value: role, label: role })), checked: values.roles ?? [], error: errors.roles })}
  ${databaseAccessFields(options)}
  ${options.mode === 'edit' ? checkbox({ label: 'Disabled: refuse every sign-in, session, key and token of this user', name: 'disabled', checked: values.disabled ?? false, error: errors.disabled }) : null}
  <div class="actions"><button type="submit">${options.submitLabel}</button></div>`,
  );
}

function databaseAccessFields(options: UserFormOptions): Html {
  const { values, errors } = options;
  return html`<fieldset class="field${errors.database_access || errors.full_access ? ' has-error' : ''}">
  <legend>Database access</legend>
  <label class="check"><input type="radio" name="access" value="full"${values.fullAccess ? html` checked` : null}> Full: every database, read and write</label>
  <label class="check"><input type="radio" name="access" value="partial"${values.fullAccess ? null : html` checked`}> Only these databases:</label>
  ${
    options.databases.length === 0
      ? html`<p class="hint">No databases yet.</p>`
      : html`<table class="compact">
    <thead><tr><th>Database</th><th>Access</th></tr></thead>
    <tbody>${options.databases.map(
      (database) => html`<tr>
      <td data-label="Database"><label for="f-db-${database.id}">${database.id} · ${database.name}</label></td>
      <td data-label="Access"><select id="f-db-${database.id}" name="db:${database.id}">${['none', 'read', 'write'].map(
        (level) =>
          html`<option value="${level}"${(values.databaseAccess?.[database.id] ?? 'none') === level ? html` selected` : null}>${level}</option>`,
      )}</select></td>
    </tr>`,
    )}</tbody></table>`
  }
  ${errors.database_access ? html`<p class="field-error">${errors.database_access}</p>` : null}
  ${errors.full_access ? html`<p class="field-error">${errors.full_access}</p>` : null}
</fieldset>`;
}

import { scopeDescription } from '../../users/scopes';
import { keyTypeMayHold } from '../../keys/key-types';
import type { KeyView } from '../../keys/key.view';
import type { FieldErrors } from '../forms/field-errors';
import { checkboxes, confirmedAction, formError, notice, postForm, secretOnce, select, when } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';
import { accountLayout } from './account-layout';
import { powerQueryHelp } from './power-query.view';

export interface AccountPage {
  csrfToken: string;
  username: string;
  roles: string[];
  scopes: readonly string[];
  isAdmin: boolean;
  issuer: string;
  keys: KeyView[];
  created?: KeyView | null;
  form?: { name?: string; type?: string; scopes?: string[]; expires?: string };
  errors?: FieldErrors;
  notice?: string | null;
}

/** `/account`: the person's API keys and personal access tokens, and how to use them. */
export function accountPage(page: AccountPage): Html {
  return accountLayout(
    { title: 'Your account', username: page.username, csrfToken: page.csrfToken, isAdmin: page.isAdmin, section: 'keys' },
    html`
<h1>Your account</h1>
${notice(page.notice)}
<p>Signed in as <strong>${page.username}</strong>${page.roles.length ? html` · roles: ${page.roles.join(', ')}` : null}.</p>
${page.created ? secretOnce(`Your new ${page.created.type === 'api_key' ? 'API key' : 'personal access token'} "${page.created.name}":`, page.created.key ?? '') : null}
<section class="card">
  <h2>API keys and personal access tokens</h2>
  ${keyTable(page)}
</section>
${newKeyForm(page)}
${powerQueryHelp(page.issuer)}`,
  );
}

function keyTable(page: AccountPage): Html {
  if (page.keys.length === 0) return html`<p>You have no keys yet.</p>`;
  return html`<table>
  <thead><tr><th>Name</th><th>Type</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Expires</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody>${page.keys.map(
    (key) => html`<tr>
    <td data-label="Name">${key.name} <small class="hint-inline"><code>${key.prefix}…</code></small></td>
    <td data-label="Type">${key.type === 'api_key' ? 'API key (read-only)' : 'Personal access token'}</td>
    <td data-label="Scopes">${key.scopes.join(' ')}</td>
    <td data-label="Created">${when(key.created_at)}</td>
    <td data-label="Last used">${key.last_used_at ? when(key.last_used_at) : 'never'}</td>
    <td data-label="Expires">${key.expires_at ? when(key.expires_at) : 'never'}</td>
    <td>${confirmedAction({
      action: `/account/keys/${key.id}/revoke`,
      csrfToken: page.csrfToken,
      text: 'Revoke',
      label: `Revoke ${key.name}`,
      consequence: `Whatever uses "${key.name}" stops working at once.`,
      confirm: 'Yes, revoke',
      small: true,
    })}</td>
  </tr>`,
  )}</tbody>
</table>`;
}

function newKeyForm(page: AccountPage): Html {
  const errors = page.errors ?? {};
  const form = page.form ?? {};
  return html`<section class="card">
  <h2>Create a key</h2>
  ${formError(errors._form)}
  ${postForm(
    '/account/keys',
    page.csrfToken,
    html`
    ${field({ label: 'Name', name: 'name', value: form.name, error: errors.name, required: true, hint: 'What the key is for, e.g. "Power BI dashboard"' })}
    ${select({
      label: 'Type',
      name: 'type',
      value: form.type ?? 'api_key',
      error: errors.type,
      choices: [
        { value: 'api_key', label: 'API key: read-only, for Excel and Power BI (Basic)' },
        { value: 'personal_token', label: 'Personal access token: a Bearer token with the scopes below' },
      ],
    })}
    ${checkboxes({
      legend: 'Scopes',
      name: 'scopes',
      error: errors.scopes,
      checked: form.scopes ?? ['read'],
      // Styles hide the scopes an API key cannot use while "API key" is chosen (tessera.css); the server refuses them too.
      choices: page.scopes
        .filter((scope) => keyTypeMayHold('personal_token', scope))
        .map((scope) => ({
          value: scope,
          label: scope,
          hint: scopeDescription(scope),
          className: keyTypeMayHold('api_key', scope) ? undefined : 'token-only',
        })),
    })}
    ${field({ label: 'Expires on (optional)', name: 'expires', type: 'date', value: form.expires, error: errors.expires_at, hint: 'The key stops working at the end of this day (UTC). Leave empty for no expiry.' })}
    <div class="actions"><button type="submit">Create key</button></div>
  `,
  )}
</section>`;
}

import type { IdentityProviderView } from '../../admin/identity-providers/identity-provider.view';
import { checkbox, formError, notice, postForm, textarea } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';
import type { FieldErrors } from '../forms/field-errors';
import { AdminFrame, adminLayout } from './admin-layout';
import { formatGroupMappings } from './group-mappings.parser';

/** The provider form's fields as text, as the browser sends them back. */
export interface ProviderForm {
  name?: string;
  issuer?: string;
  client_id?: string;
  scopes?: string;
  domains?: string;
  required?: boolean;
  enabled?: boolean;
  username_claim?: string;
  email_claim?: string;
  groups_claim?: string;
  group_mappings?: string;
}

export interface IdentityProvidersPage {
  frame: AdminFrame;
  providers: IdentityProviderView[];
  errors: FieldErrors;
  form: ProviderForm;
  notice?: string | null;
}

/** `/admin/identity-providers`: the company identity providers people sign in through (issue 15). */
export function identityProvidersPage(page: IdentityProvidersPage): Html {
  return adminLayout(
    page.frame,
    html`
<h1>Identity providers</h1>
${notice(page.notice)}
<p class="hint">People sign in with their company account through these OpenID Connect providers. docs/console.md explains how to connect Entra ID, Okta and Google Workspace.</p>
${page.providers.map((provider) => providerCard(page.frame, provider))}
<section class="card">
  <h2>Add a provider</h2>
  ${formError(page.errors._form)}
  ${postForm('/admin/identity-providers', page.frame.csrfToken, html`${providerFields(page.form, page.errors, true)}<div class="actions"><button type="submit">Add provider</button></div>`)}
</section>`,
  );
}

export function identityProviderEditPage(page: {
  frame: AdminFrame;
  provider: IdentityProviderView;
  errors: FieldErrors;
  form: ProviderForm;
}): Html {
  const action = `/admin/identity-providers/${page.provider.id}`;
  return adminLayout(
    page.frame,
    html`
<h1>${page.provider.name}</h1>
<p><a href="/admin/identity-providers">All identity providers</a></p>
<section class="card">
  ${formError(page.errors._form)}
  ${postForm(action, page.frame.csrfToken, html`${providerFields(page.form, page.errors, false)}<div class="actions"><button type="submit">Save</button></div>`)}
</section>`,
  );
}

/** The form values of a stored provider (the secret is never in it). */
export function formOf(provider: IdentityProviderView): ProviderForm {
  return {
    name: provider.name,
    issuer: provider.issuer,
    client_id: provider.client_id,
    scopes: provider.scopes.join(' '),
    domains: provider.domains.join(' '),
    required: provider.required,
    enabled: provider.enabled,
    username_claim: provider.username_claim,
    email_claim: provider.email_claim,
    groups_claim: provider.groups_claim ?? '',
    group_mappings: formatGroupMappings(provider.group_mappings),
  };
}

function providerCard(frame: AdminFrame, provider: IdentityProviderView): Html {
  const base = `/admin/identity-providers/${provider.id}`;
  return html`<section class="card" id="provider-${provider.id}">
  <h2>${provider.name} ${provider.enabled ? html`<span class="badge on">enabled</span>` : html`<span class="badge">off</span>`} ${provider.required ? html`<span class="badge on">required</span>` : null}</h2>
  <dl class="facts">
    <dt>Issuer</dt><dd><code class="wrap">${provider.issuer}</code></dd>
    <dt>Client ID</dt><dd><code class="wrap">${provider.client_id}</code> ${provider.client_secret_set ? '(secret stored, encrypted)' : '(no secret: public client)'}</dd>
    <dt>Redirect URI to register there</dt><dd><code class="wrap">${provider.redirect_uri}</code></dd>
    <dt>E-mail domains</dt><dd>${provider.domains.join(', ') || '—'}</dd>
    <dt>Group rules</dt><dd>${provider.group_mappings.length ? html`<pre>${formatGroupMappings(provider.group_mappings)}</pre>` : 'none: everyone gets the default role'}</dd>
  </dl>
  <div class="actions">
    <a class="button secondary" href="${base}">Edit</a>
    ${postForm(`${base}/delete`, frame.csrfToken, html`<button type="submit" class="danger">Delete</button>`, 'inline')}
  </div>
</section>`;
}

function providerFields(form: ProviderForm, errors: FieldErrors, creating: boolean): Html {
  return html`
    ${field({ label: 'Display name', name: 'name', value: form.name, error: errors.name, required: true, hint: 'The button says "Sign in with <name>".' })}
    ${field({ label: 'Issuer URL', name: 'issuer', value: form.issuer, error: errors.issuer, required: true, hint: 'Its discovery document is <issuer>/.well-known/openid-configuration.' })}
    ${field({ label: 'Client ID', name: 'client_id', value: form.client_id, error: errors.client_id, required: true })}
    ${field({ label: 'Client secret', name: 'client_secret', type: 'password', error: errors.client_secret, autocomplete: 'off', hint: creating ? 'Stored encrypted; never shown again.' : 'Leave empty to keep the stored secret.' })}
    ${field({ label: 'Scopes', name: 'scopes', value: form.scopes ?? 'openid profile email', error: errors.scopes, hint: 'Space-separated; openid is always sent.' })}
    ${field({ label: 'E-mail domains', name: 'domains', value: form.domains, error: errors.domains, hint: 'Space-separated, e.g. contoso.com contoso.de (home-realm discovery).' })}
    ${checkbox({ label: 'Required for these domains', name: 'required', checked: form.required ?? false, hint: 'People of these domains cannot use a local password.', error: errors.required })}
    ${checkbox({ label: 'Enabled', name: 'enabled', checked: form.enabled ?? true, error: errors.enabled })}
    ${field({ label: 'Username claim', name: 'username_claim', value: form.username_claim ?? 'preferred_username', error: errors.username_claim })}
    ${field({ label: 'E-mail claim', name: 'email_claim', value: form.email_claim ?? 'email', error: errors.email_claim })}
    ${field({ label: 'Group claim', name: 'groups_claim', value: form.groups_claim ?? 'groups', error: errors.groups_claim, hint: 'Empty: no group rules apply.' })}
    ${textarea({ label: 'Group rules', name: 'group_mappings', value: form.group_mappings, error: errors.group_mappings, rows: 4, hint: 'One per line: <group value> = <role>, <role>; <database>:read|write. No rule matching: the default role.' })}`;
}

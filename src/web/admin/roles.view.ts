import type { RoleView } from '../../admin/roles/role.view';
import { ALL_SCOPES, scopeDescription } from '../../users/scopes';
import type { FieldErrors } from '../forms/field-errors';
import { checkbox, checkboxes, formError, notice, postForm } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';
import { AdminFrame, adminLayout } from './admin-layout';

export interface RolesPage {
  frame: AdminFrame;
  roles: RoleView[];
  errors: FieldErrors;
  form: { name?: string; scopes?: string[] };
  /** The role whose edit form the errors belong to; null: the create form. */
  errorsFor?: string | null;
  notice?: string | null;
}

const SCOPE_CHOICES = ALL_SCOPES.map((scope) => ({ value: scope, label: scope, hint: scopeDescription(scope) }));

/** `/admin/roles`: roles and their scopes; exactly one is the default for new registrations. */
export function rolesPage(page: RolesPage): Html {
  return adminLayout(
    page.frame,
    html`
<h1>Roles and scopes</h1>
${notice(page.notice)}
<p class="hint">A person's rights are the scopes of their roles. New registrations get the default role.</p>
${page.roles.map((role) => roleCard(page, role))}
<section class="card">
  <h2>Add a role</h2>
  ${page.errorsFor ? null : formError(page.errors._form)}
  ${postForm(
    '/admin/roles',
    page.frame.csrfToken,
    html`
    ${field({ label: 'Name', name: 'name', value: page.form.name, error: page.errorsFor ? null : page.errors.name, required: true })}
    ${checkboxes({ legend: 'Scopes', name: 'scopes', choices: SCOPE_CHOICES, checked: page.form.scopes ?? ['read'], error: page.errorsFor ? null : page.errors.scopes })}
    <div class="actions"><button type="submit">Create role</button></div>`,
  )}
</section>`,
  );
}

function roleCard(page: RolesPage, role: RoleView): Html {
  const errors = page.errorsFor === role.name ? page.errors : {};
  const slug = role.name.replace(/[^A-Za-z0-9]/g, '-');
  return html`<section class="card" id="role-${slug}">
  <h2>${role.name} ${role.is_default ? html`<span class="badge on">default</span>` : null} ${role.two_factor_required ? html`<span class="badge">two-factor</span>` : null}</h2>
  ${formError(errors._form)}
  ${postForm(
    `/admin/roles/${encodeURIComponent(role.name)}`,
    page.frame.csrfToken,
    html`
    ${checkboxes({ legend: 'Scopes', name: 'scopes', choices: SCOPE_CHOICES.map((choice) => ({ ...choice, hint: undefined })), checked: role.scopes, error: errors.scopes })}
    ${checkbox({ label: 'Require two-factor sign-in', name: 'two_factor_required', checked: role.two_factor_required, hint: 'Its holders set up an authenticator app at their next sign-in, once an administrator has set up two-factor sign-in.' })}
    <div class="actions"><button type="submit">Save scopes</button></div>`,
  )}
  ${
    role.is_default
      ? null
      : html`<div class="actions">
    ${postForm(`/admin/roles/${encodeURIComponent(role.name)}/default`, page.frame.csrfToken, html`<button type="submit" class="secondary">Make default</button>`, 'inline')}
    ${postForm(`/admin/roles/${encodeURIComponent(role.name)}/delete`, page.frame.csrfToken, html`<button type="submit" class="danger">Delete</button>`, 'inline')}
  </div>`
  }
</section>`;
}

import type { PersonSignIns } from '../../admin/users/admin-user-sessions.service';
import type { UserView } from '../../admin/users/user.view';
import { notice, postForm, secretOnce, when } from '../../html/controls';
import { Html, html } from '../../html/html';
import { AdminFrame, adminLayout } from './admin-layout';
import { sessionsTable } from '../account/sessions.view';
import { userForm, UserFormOptions } from './user-form.view';

export interface UsersPage {
  frame: AdminFrame;
  kind: 'person' | 'api';
  users: UserView[];
  form: Omit<UserFormOptions, 'action' | 'csrfToken' | 'kind' | 'mode' | 'submitLabel'>;
  notice?: string | null;
}

/** `/admin/users` (people) and `/admin/api-users`: the list and the form to add one. */
export function usersPage(page: UsersPage): Html {
  const api = page.kind === 'api';
  return adminLayout(
    page.frame,
    html`
<h1>${api ? 'API users' : 'People'}</h1>
${notice(page.notice)}
${api ? html`<p class="hint">An API user is an integration that signs in with OAuth 2.0 client credentials: its user name is the <code>client_id</code>, its API token the <code>client_secret</code>.</p>` : null}
<section class="card">
  ${
    page.users.length === 0
      ? html`<p>None yet.</p>`
      : html`<table>
    <thead><tr><th>User name</th>${api ? html`<th>OAuth 2.0</th><th>Token lifetime</th>` : html`<th>E-mail</th>`}<th>Roles</th><th>Databases</th><th>Status</th><th>Created</th></tr></thead>
    <tbody>${page.users.map(
      (user) => html`<tr>
      <td data-label="User name"><a href="/admin/users/${user.id}">${user.username}</a></td>
      ${
        api
          ? html`<td data-label="OAuth 2.0">${user.oauth2_enabled ? 'on' : 'off'}</td><td data-label="Token lifetime">${user.access_token_ttl_minutes ? `${user.access_token_ttl_minutes} min` : 'default'}</td>`
          : html`<td data-label="E-mail">${user.email ?? '—'}</td>`
      }
      <td data-label="Roles">${user.roles.join(', ') || '—'}</td>
      <td data-label="Databases">${accessSummary(user)}</td>
      <td data-label="Status">${user.disabled ? html`<span class="badge off">disabled</span>` : html`<span class="badge on">active</span>`}</td>
      <td data-label="Created">${when(user.created_at)}</td>
    </tr>`,
    )}</tbody></table>`
  }
</section>
<section class="card">
  <h2>${api ? 'Add an API user' : 'Add a person'}</h2>
  ${userForm({ ...page.form, action: api ? '/admin/api-users' : '/admin/users', csrfToken: page.frame.csrfToken, kind: page.kind, mode: 'create', submitLabel: api ? 'Create API user' : 'Create person' })}
</section>`,
  );
}

export function accessSummary(user: UserView): string {
  if (user.full_access) return 'all (full access)';
  const entries = Object.entries(user.database_access);
  return entries.length ? entries.map(([id, level]) => `${id}: ${level}`).join(', ') : 'none';
}

export interface UserPage {
  frame: AdminFrame;
  user: UserView;
  form: Omit<UserFormOptions, 'action' | 'csrfToken' | 'kind' | 'mode' | 'submitLabel'>;
  apiToken?: { client_id: string; client_secret: string } | null;
  notice?: string | null;
  isSelf: boolean;
  /** A person's sessions, applications and second factor (not for API users). */
  signIns?: PersonSignIns | null;
}

/** `/admin/users/:id`: edit one person or API user; an API user's token is generated here. */
export function userPage(page: UserPage): Html {
  const { user } = page;
  const api = user.kind === 'api';
  return adminLayout(
    page.frame,
    html`
<p><a href="${api ? '/admin/api-users' : '/admin/users'}">← ${api ? 'API users' : 'People'}</a></p>
<h1>${api ? 'API user' : 'Person'} ${user.username}</h1>
${notice(page.notice)}
${
  page.apiToken
    ? html`${secretOnce(`API token for "${page.apiToken.client_id}":`, page.apiToken.client_secret)}
  <p class="hint">Use <code>client_id=${page.apiToken.client_id}</code> and this token as <code>client_secret</code> with <code>grant_type=client_credentials</code> at <code>/oauth2/token</code>.</p>`
    : null
}
<section class="card">
  ${userForm({ ...page.form, action: `/admin/users/${user.id}`, csrfToken: page.frame.csrfToken, kind: user.kind as 'person' | 'api', mode: 'edit', submitLabel: 'Save changes' })}
</section>
${
  api
    ? html`<section class="card">
  <h2>API token</h2>
  <p>Generating a token replaces the current one: integrations using the old token stop working at once.</p>
  ${postForm(`/admin/users/${user.id}/api-token`, page.frame.csrfToken, html`<button type="submit">Generate API token</button>`)}
</section>`
    : null
}
${page.signIns ? signInsSection(page, page.signIns) : null}
${
  page.isSelf
    ? null
    : html`<section class="card danger-zone">
  <h2>Delete</h2>
  <p>Deleting removes the user with its keys, sessions and applications. This cannot be undone.</p>
  ${postForm(`/admin/users/${user.id}/delete`, page.frame.csrfToken, html`<button type="submit" class="danger">Delete ${user.username}</button>`)}
</section>`
}`,
  );
}

/** Where the person is signed in, "Sign out everywhere", and their second factor (issue 15). */
function signInsSection(page: UserPage, signIns: PersonSignIns): Html {
  const base = `/admin/users/${page.user.id}`;
  return html`<section class="card" id="sign-ins">
  <h2>Sessions and applications</h2>
  ${sessionsTable(signIns)}
  ${
    signIns.applications.length === 0
      ? html`<p>No application holds access for ${page.user.username}.</p>`
      : html`<p>Applications with access: ${signIns.applications.map((app, i) => html`${i > 0 ? ', ' : ''}<strong>${app.client_name ?? app.client_id}</strong>`)}</p>`
  }
  ${postForm(`${base}/sign-out-everywhere`, page.frame.csrfToken, html`<button type="submit" class="danger">Sign ${page.user.username} out everywhere</button>`)}
  <h2>Two-factor sign-in</h2>
  ${
    signIns.two_factor.enrolled
      ? html`<p>On, ${String(signIns.two_factor.recovery_codes_left)} recovery codes left.</p>
  ${postForm(`${base}/two-factor/remove`, page.frame.csrfToken, html`<button type="submit" class="secondary">Remove (lost phone)</button>`)}`
      : html`<p>Off.</p>`
  }
</section>`;
}

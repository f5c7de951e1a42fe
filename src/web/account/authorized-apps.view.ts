import type { AuthorizedAppView } from '../../oauth/authorized-apps/authorized-apps.service';
import { scopeSentence } from '../../users/scopes';
import { confirmedAction, notice, when } from '../../html/controls';
import { Html, html } from '../../html/html';
import { AccountFrame, accountLayout } from './account-layout';

export interface AuthorizedAppsPage {
  frame: Omit<AccountFrame, 'section' | 'title'>;
  grants: AuthorizedAppView[];
  notice?: string | null;
}

/** `/account/authorized`: the applications the person allowed, and withdrawing that. */
export function authorizedAppsPage(page: AuthorizedAppsPage): Html {
  return accountLayout(
    { ...page.frame, title: 'Authorized applications', section: 'authorized' },
    html`
<h1>Applications you have authorized</h1>
${notice(page.notice)}
<section class="card">
  <p>These applications may act for you within the scopes you allowed. Revoking one signs it out at once: its access and refresh tokens stop working, and it must ask you again.</p>
  ${
    page.grants.length === 0
      ? html`<p>You have not authorized any application.</p>`
      : html`<table>
  <thead><tr><th>Application</th><th>It may</th><th>Allowed</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody>${page.grants.map((grant) => {
    const name = grant.client_name ?? grant.client_id;
    return html`<tr>
    <td data-label="Application"><strong>${name}</strong></td>
    <td data-label="It may"><ul class="scopes compact">${grant.scopes.map((scope) => html`<li title="${scope}">${scopeSentence(scope)}</li>`)}</ul></td>
    <td data-label="Allowed">${when(grant.created_at)}</td>
    <td>${confirmedAction({
      action: `/account/authorized/${encodeURIComponent(grant.id)}/revoke`,
      csrfToken: page.frame.csrfToken,
      text: 'Revoke',
      label: `Revoke ${name}`,
      consequence: `${name} loses access at once: its tokens stop working, and it must ask you again.`,
      confirm: 'Yes, revoke',
      small: true,
    })}</td>
  </tr>`;
  })}</tbody>
</table>`
  }
</section>`,
  );
}

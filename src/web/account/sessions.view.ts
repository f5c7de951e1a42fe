import type { SignedInOverview } from '../../oauth/sessions/person-sessions.service';
import { notice, postForm, when } from '../../html/controls';
import { Html, html } from '../../html/html';
import { AccountFrame, accountLayout } from './account-layout';

export interface SessionsPage {
  frame: Omit<AccountFrame, 'section' | 'title'>;
  overview: SignedInOverview;
  notice?: string | null;
}

/** `/account/sessions`: where the person is signed in, which applications hold tokens, and signing out everywhere. */
export function sessionsPage(page: SessionsPage): Html {
  return accountLayout(
    { ...page.frame, title: 'Sessions', section: 'sessions' },
    html`
<h1>Where you are signed in</h1>
${notice(page.notice)}
<section class="card">
  <h2>Browser sessions</h2>
  ${sessionsTable(page.overview)}
</section>
<section class="card">
  <h2>Applications with access</h2>
  ${
    page.overview.applications.length === 0
      ? html`<p>No application holds access for you.</p>`
      : html`<ul id="applications">${page.overview.applications.map((app) => html`<li><strong>${app.client_name ?? app.client_id}</strong> — allowed ${when(app.created_at)}</li>`)}</ul>
  <p><a href="/account/authorized">Manage authorized applications</a></p>`
  }
</section>
<section class="card">
  <h2>Sign out everywhere</h2>
  <p>Ends every other browser session and revokes every token applications hold for you: they must sign you in again. This session stays.</p>
  ${postForm('/account/sessions/sign-out-everywhere', page.frame.csrfToken, html`<button type="submit" class="danger">Sign out everywhere</button>`)}
</section>`,
  );
}

/** The sessions table (shared with the administrators' view of a person). */
export function sessionsTable(overview: SignedInOverview): Html {
  if (overview.sessions.length === 0) return html`<p>No browser session.</p>`;
  return html`<table id="sessions">
  <thead><tr><th>Device</th><th>IP address</th><th>Signed in</th><th>Last seen</th><th>How</th></tr></thead>
  <tbody>${overview.sessions.map(
    (session) => html`<tr${session.current ? html` class="current"` : null}>
    <td data-label="Device" title="${session.user_agent ?? ''}">${session.device}${session.current ? html` <strong>(this session)</strong>` : null}</td>
    <td data-label="IP address">${session.ip ?? '—'}</td>
    <td data-label="Signed in">${when(session.created_at)}</td>
    <td data-label="Last seen">${when(session.last_seen_at)}</td>
    <td data-label="How">${session.amr.includes('otp') ? 'Password and code' : 'Password'}</td>
  </tr>`,
  )}</tbody>
</table>`;
}

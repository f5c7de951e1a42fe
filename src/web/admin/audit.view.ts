import type { AuditEntryView } from '../../audit/audit-entry.view';
import type { FieldErrors } from '../forms/field-errors';
import { select, when } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';
import { AdminFrame, adminLayout } from './admin-layout';

export interface AuditPage {
  frame: AdminFrame;
  entries: AuditEntryView[];
  filter: { type: string; user: string; outcome: string };
  errors: FieldErrors;
  previous: string | null;
  next: string | null;
}

/** `/admin/audit`: the audit log, newest first, filtered with a plain GET form. */
export function auditPage(page: AuditPage): Html {
  return adminLayout(
    page.frame,
    html`
<h1>Audit log</h1>
<form method="get" action="/admin/audit" class="card filters">
  ${field({ label: 'Event', name: 'type', value: page.filter.type, error: page.errors.type, hint: 'e.g. login, login.failed, user, key' })}
  ${field({ label: 'User', name: 'user', value: page.filter.user, error: page.errors.user, hint: 'User name or id' })}
  ${select({
    label: 'Outcome',
    name: 'outcome',
    value: page.filter.outcome,
    error: page.errors.outcome,
    choices: [
      { value: '', label: 'any' },
      { value: 'success', label: 'success' },
      { value: 'failure', label: 'failure' },
    ],
  })}
  <div class="actions"><button type="submit">Filter</button> <a class="button secondary" href="/admin/audit">Clear</a></div>
</form>
${
  page.entries.length === 0
    ? html`<p>No events match.</p>`
    : html`<div class="card table-wrap"><table class="audit">
  <thead><tr><th>When</th><th>Event</th><th>Outcome</th><th>Who</th><th>Target</th><th>IP</th><th>Details</th></tr></thead>
  <tbody>${page.entries.map(
    (entry) => html`<tr>
    <td data-label="When">${when(entry.occurred_at)}</td>
    <td data-label="Event"><code>${eventName(entry.event)}</code></td>
    <td data-label="Outcome">${entry.outcome === 'failure' ? html`<span class="badge off">failure</span>` : 'success'}</td>
    <td data-label="Who">${entry.actor_name ?? entry.actor_id ?? '—'}${entry.client_id ? html` <small class="hint-inline">via ${entry.client_id}</small>` : null}</td>
    <td data-label="Target">${shortId(entry.target)}</td>
    <td data-label="IP">${entry.ip ?? '—'}</td>
    <td data-label="Details">${entry.details ? Object.entries(entry.details).map(([key, value]) => html`<span class="detail">${key}: ${String(value)}</span> `) : '—'}</td>
  </tr>`,
  )}</tbody></table></div>`
}
<nav class="pager" aria-label="Pages">
  ${page.previous ? html`<a href="${page.previous}">← Newer</a>` : null}
  ${page.next ? html`<a href="${page.next}">Older →</a>` : null}
</nav>`,
  );
}

/** `client.authentication_failed` may break after its dots and underscores, never inside a word. */
function eventName(event: string): Html {
  return html`${event.split(/(?<=[._])/).map((part, i) => (i === 0 ? part : html`<wbr>${part}`))}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A user or key id shortened to its first block (the full id in a tooltip); other targets as they are. */
function shortId(target: string | null): Html | string {
  if (!target) return '—';
  return UUID.test(target) ? html`<span title="${target}"><code>${target.slice(0, 8)}…</code></span>` : target;
}

import type { AuditEvent } from './audit-event.entity';

/** One audit log entry as JSON; a field with no value is `null`. */
export interface AuditEntryView {
  id: number;
  occurred_at: string;
  event: string;
  outcome: string;
  actor_id: string | null;
  actor_name: string | null;
  client_id: string | null;
  target: string | null;
  ip: string | null;
  details: Record<string, string | number | boolean | null> | null;
}

export function toAuditEntryView(event: AuditEvent): AuditEntryView {
  return {
    id: event.id,
    occurred_at: event.occurredAt.toISOString(),
    event: event.event,
    outcome: event.outcome,
    actor_id: event.actorId,
    actor_name: event.actorName,
    client_id: event.clientId,
    target: event.target,
    ip: event.ip,
    details: event.details ?? null,
  };
}

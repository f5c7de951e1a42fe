import type { AuditEvent } from './audit-event.entity';
import { namedSchema } from '../common/openapi/schema-registry';

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

export const AUDIT_ENTRY_SCHEMA = namedSchema('AuditEntry', {
  type: 'object',
  required: ['id', 'occurred_at', 'event', 'outcome'],
  properties: {
    id: { type: 'integer' },
    occurred_at: { type: 'string', format: 'date-time' },
    event: { type: 'string', example: 'token.issued' },
    outcome: { type: 'string', enum: ['success', 'failure'] },
    actor_id: { type: 'string', nullable: true },
    actor_name: { type: 'string', nullable: true },
    client_id: { type: 'string', nullable: true },
    target: { type: 'string', nullable: true },
    ip: { type: 'string', nullable: true },
    details: { type: 'object', nullable: true, additionalProperties: true },
  },
});

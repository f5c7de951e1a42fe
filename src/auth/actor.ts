import type { AuditRecord } from '../audit/audit.service';
import type { Principal } from './principal';

/** Who is making a change, and from where: what the audit log records for it. */
export interface Actor {
  principal: Principal;
  ip: string | null;
}

/** The audit fields that name the actor of a change. */
export function auditedBy(actor: Actor): Pick<AuditRecord, 'actorId' | 'actorName' | 'clientId' | 'ip'> {
  return { actorId: actor.principal.userId, actorName: actor.principal.username, clientId: actor.principal.clientId, ip: actor.ip };
}

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuditRecord } from '../audit/audit.service';
import type { Principal } from '../auth/principal';

/** Who is making an administrative change, and from where: what the audit log records. */
export interface Actor {
  principal: Principal;
  ip: string | null;
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user: Principal }>();
  return { principal: request.user, ip: request.ip ?? null };
});

/** The audit fields that name the actor of a change. */
export function auditedBy(actor: Actor): Pick<AuditRecord, 'actorId' | 'actorName' | 'clientId' | 'ip'> {
  return { actorId: actor.principal.userId, actorName: actor.principal.username, clientId: actor.principal.clientId, ip: actor.ip };
}

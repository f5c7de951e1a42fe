import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditEvent, AuditOutcome } from './audit-event.entity';

export interface AuditRecord {
  /** Dotted name: `login.succeeded`, `token.issued`, `key.created`, `user.updated`, … */
  event: string;
  outcome?: AuditOutcome;
  actorId?: string | null;
  actorName?: string | null;
  clientId?: string | null;
  /** What was acted on: a user id, a client id, a key id. Never a secret. */
  target?: string | null;
  ip?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** The security audit log (issue 7). Writing an audit row never fails the request that caused it. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async record(record: AuditRecord): Promise<void> {
    try {
      await this.events.insert({
        occurredAt: new Date(),
        event: record.event,
        outcome: record.outcome ?? 'success',
        actorId: record.actorId ?? null,
        actorName: record.actorName ?? null,
        clientId: record.clientId ?? null,
        target: record.target ?? null,
        ip: record.ip ?? null,
        details: record.details ?? null,
      });
    } catch (error) {
      this.logger.warn(`Could not write audit event ${record.event}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

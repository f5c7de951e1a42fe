import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedSql, sqlTimestamp } from '../database/prepared-sql';
import type { AuditOutcome } from './audit-event.entity';
import { auditable } from './secret-shaped';

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

const INSERT_EVENT =
  'INSERT INTO audit_events (occurred_at, event, outcome, actor_id, actor_name, client_id, target, ip, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** The security audit log (issue 7). Writing an audit row never fails the request that caused it. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);
  private readonly sql: PreparedSql;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.sql = PreparedSql.of(dataSource);
  }

  /** One prepared INSERT. Names and ids that look like a secret are hidden (`auditable`). */
  async record(record: AuditRecord): Promise<void> {
    try {
      await this.sql.run(INSERT_EVENT, [
        sqlTimestamp(new Date()),
        record.event,
        record.outcome ?? 'success',
        record.actorId ?? null,
        auditable(record.actorName),
        auditable(record.clientId),
        auditable(record.target),
        record.ip ?? null,
        record.details ? JSON.stringify(record.details) : null,
      ]);
    } catch (error) {
      this.logger.warn(`Could not write audit event ${record.event}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

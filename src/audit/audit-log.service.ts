import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import { Page } from '../common/paging/paging';
import { AuditEntryView, toAuditEntryView } from './audit-entry.view';

export interface AuditFilter {
  type?: string;
  user?: string;
  outcome?: 'success' | 'failure';
}

/** Reads the audit log for administrators: newest first, filtered, paged. */
@Injectable()
export class AuditLogService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  async search(filter: AuditFilter, page: Page): Promise<{ entries: AuditEntryView[]; total: number }> {
    const query = this.filtered(filter).orderBy('e.id', 'DESC').take(page.top).skip(page.skip);
    const [rows, total] = await query.getManyAndCount();
    return { entries: page.top === 0 ? [] : rows.map(toAuditEntryView), total };
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEvent> {
    const query = this.events.createQueryBuilder('e');
    if (filter.type) {
      query.andWhere("(e.event = :type OR e.event LIKE :family ESCAPE '!')", { type: filter.type, family: `${escapeLike(filter.type)}.%` });
    }
    if (filter.user) {
      query.andWhere(
        new Brackets((where) => {
          where.where('e.actorId = :user', { user: filter.user }).orWhere('e.actorName = :user').orWhere('e.target = :user');
        }),
      );
    }
    if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    return query;
  }
}

/** `_` is a LIKE wildcard; event names may contain it. (`%` and `!` cannot occur: the query DTO refuses them.) */
function escapeLike(text: string): string {
  return text.replace(/_/g, '!_');
}

import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLogService } from '../../audit/audit-log.service';
import { AuditQuery } from '../../admin/audit/dto/audit-query.dto';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { textOf, validateForm } from '../forms/field-errors';
import { sendPage } from '../../html/send-page';
import { AdminPageContext } from './admin-page-context';
import { auditPage } from './audit.view';
import { ConsolePage } from '../pages/console-page.decorator';

const PAGE_SIZE = 50;

/** `/admin/audit`: the audit log with a filter form and newer/older links. */
@ConsolePage('admin/audit', 'admin')
export class AdminAuditPageController {
  constructor(
    private readonly audit: AuditLogService,
    private readonly context: AdminPageContext,
  ) {}

  @Get()
  async show(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ) {
    const filter = { type: textOf(query.type), user: textOf(query.user), outcome: textOf(query.outcome) };
    const skip = /^\d{1,9}$/.test(textOf(query.skip)) ? Number(query.skip) : 0;
    const { dto, errors } = await validateForm(AuditQuery, Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== '')));
    const { entries, total } = Object.keys(errors).length
      ? { entries: [], total: 0 }
      : await this.audit.search(dto, { top: PAGE_SIZE, skip });
    const link = (to: number) => `/admin/audit?${new URLSearchParams({ ...filter, skip: String(to) }).toString()}`;
    const frame = this.context.frame(principal, request, reply, 'audit', 'Audit log');
    sendPage(
      reply,
      auditPage({
        frame,
        entries,
        filter,
        errors,
        previous: skip > 0 ? link(Math.max(0, skip - PAGE_SIZE)) : null,
        next: skip + PAGE_SIZE < total ? link(skip + PAGE_SIZE) : null,
      }),
      Object.keys(errors).length ? 400 : 200,
    );
  }
}

import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { pageOf, setPagingHeaders } from '../../common/paging/paging';
import { AuditLogService } from '../../audit/audit-log.service';
import { AuditQuery } from './dto/audit-query.dto';
import { AnswersList } from '../../common/openapi/answers.decorator';
import { AUDIT_ENTRY_SCHEMA } from '../../audit/audit-entry.view';

@ApiTags('admin')
@RequireScopes('admin')
@Controller('api/admin/audit')
export class AdminAuditController {
  constructor(
    private readonly audit: AuditLogService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first; filter by type, user, outcome; page with $top/$skip' })
  @AnswersList('Audit entries, newest first', AUDIT_ENTRY_SCHEMA)
  async list(@Query() query: AuditQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = pageOf(query);
    const { entries, total } = await this.audit.search(query, page);
    setPagingHeaders(request, reply, this.config.issuer, page, total, query);
    return entries;
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity';
import { AuditLogService } from './audit-log.service';
import { AuditStream } from './audit-stream';
import { AuditService } from './audit.service';
import { TokenCounter } from './token-counter';

/**
 * The security audit: rows written through AuditService and read through AuditLogService;
 * issued tokens in the audit stream (AuditStream) and counted per client (TokenCounter).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService, AuditLogService, AuditStream, TokenCounter],
  exports: [AuditService, AuditLogService, AuditStream, TokenCounter],
})
export class AuditModule {}

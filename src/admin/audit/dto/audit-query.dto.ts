import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../../common/paging/paging';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'login', description: 'An event name (`login.failed`) or its family (`login` matches `login.*`)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[a-z0-9_.-]+$/, { message: 'type must be an event name such as login.failed or login' })
  type?: string;

  @ApiPropertyOptional({ description: 'A user id or user name: events that user caused or that were done to that user' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  user?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'], { message: 'outcome must be "success" or "failure"' })
  outcome?: 'success' | 'failure';
}

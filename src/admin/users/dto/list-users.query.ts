import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { UserKind } from '../../../users/entities/user.entity';
import { PageQuery } from '../../../common/paging/paging';

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['person', 'api'] })
  @IsOptional()
  @IsIn(['person', 'api'], { message: 'kind must be "person" or "api"' })
  kind?: UserKind;
}

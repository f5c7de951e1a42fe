import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { UserKind } from '../../../users/entities/user.entity';
import { IsUsername, UserFields } from './user-fields';

export class CreateUserDto extends UserFields {
  @ApiProperty({ example: 'dana', description: 'For an API user this is its client_id' })
  @IsUsername()
  username: string;

  @ApiPropertyOptional({ enum: ['person', 'api'], default: 'person' })
  @IsOptional()
  @IsIn(['person', 'api'], { message: 'kind must be "person" or "api"' })
  kind?: UserKind;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { UserKind } from '../../../users/entities/user.entity';
import { IsUsername, UserFields } from './user-fields';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator';

export class CreateUserDto extends UserFields {
  @ApiProperty({ example: 'dana', description: 'For an API user this is its client_id' })
  @IsUsername()
  username: string;

  @ApiPropertyOptional({ enum: ['person', 'api'], default: 'person' })
  @IsOmittable()
  @IsIn(['person', 'api'], { message: 'kind must be "person" or "api"' })
  kind?: UserKind;
}

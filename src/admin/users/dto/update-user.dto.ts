import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUsername, UserFields } from './user-fields';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator';

/** Every field optional; `kind` cannot change (a person and an API user authenticate differently). */
export class UpdateUserDto extends UserFields {
  @ApiPropertyOptional({ example: 'dana' })
  @IsOmittable()
  @IsUsername()
  username?: string;
}

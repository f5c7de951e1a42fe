import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsUsername, UserFields } from './user-fields';

/** Every field optional; `kind` cannot change (a person and an API user authenticate differently). */
export class UpdateUserDto extends UserFields {
  @ApiPropertyOptional({ example: 'dana' })
  @IsOptional()
  @IsUsername()
  username?: string;
}

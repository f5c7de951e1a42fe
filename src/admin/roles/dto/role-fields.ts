import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsString, Length, Matches } from 'class-validator';
import { ALL_SCOPES } from '../../../users/scopes';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator';

const SCOPE_MESSAGE = `each scope must be one of ${ALL_SCOPES.join(', ')}`;

export class CreateRoleDto {
  @ApiProperty({ example: 'Planner' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9 ._-]+$/, { message: 'name may only contain letters, digits, spaces and . _ -' })
  name: string;

  @ApiProperty({ example: ['read', 'write'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true, message: SCOPE_MESSAGE })
  scopes: string[];

  @ApiPropertyOptional({ default: false, description: 'Make this the role new registrations get (the previous default stops being it)' })
  @IsOmittable()
  @IsBoolean()
  is_default?: boolean;

  @ApiPropertyOptional({ description: 'Its holders must sign in with a second factor (TOTP); Administrator is marked when shipped' })
  @IsOmittable()
  @IsBoolean()
  two_factor_required?: boolean;
}

export class UpdateRoleDto {
  @ApiPropertyOptional({ example: ['read', 'write'] })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true, message: SCOPE_MESSAGE })
  scopes?: string[];

  @ApiPropertyOptional({ description: 'true makes this the default role; there is always exactly one' })
  @IsOmittable()
  @IsBoolean()
  is_default?: boolean;

  @ApiPropertyOptional({ description: 'Its holders must sign in with a second factor (TOTP); Administrator is marked when shipped' })
  @IsOmittable()
  @IsBoolean()
  two_factor_required?: boolean;
}

import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

/** Letters, digits and `. _ @ -`; for an API user it is also its `client_id`. */
export const IsUsername = () =>
  applyDecorators(
    IsString(),
    Length(1, 128),
    Matches(/^[A-Za-z0-9._@-]+$/, { message: 'username may only contain letters, digits and . _ @ -' }),
  );
import type { AccessLevel } from '../../../users/entities/database-access.entity';
import { IsDatabaseAccessMap } from './database-access.validator';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator';

export const MAX_TTL_MINUTES = 1440;

/** The fields a user has on both create and update (snake_case names: docs/decisions.md, "Management API shapes"). */
export class UserFields {
  @ApiPropertyOptional({ example: 'dana@example.com', nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @ApiPropertyOptional({ description: 'People only; at least 8 characters', minLength: 8, writeOnly: true })
  @IsOmittable()
  @IsString()
  @Length(8, 128, { message: 'password must be between 8 and 128 characters long' })
  password?: string;

  @ApiPropertyOptional({ example: ['Consumer'] })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  roles?: string[];

  @ApiPropertyOptional({ example: { '01': 'read', '02': 'write' } })
  @IsOmittable()
  @IsDatabaseAccessMap()
  database_access?: Record<string, AccessLevel>;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  full_access?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ default: false, description: 'API users: may use the client_credentials grant' })
  @IsOmittable()
  @IsBoolean()
  oauth2_enabled?: boolean;

  @ApiPropertyOptional({ example: 15, nullable: true, description: `API users: access-token lifetime in minutes (1–${MAX_TTL_MINUTES})` })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsInt({ message: 'access_token_ttl_minutes must be a whole number of minutes' })
  @Min(1)
  @Max(MAX_TTL_MINUTES)
  access_token_ttl_minutes?: number | null;
}

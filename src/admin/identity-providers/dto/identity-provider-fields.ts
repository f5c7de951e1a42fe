import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { AccessLevel } from '../../../users/entities/database-access.entity';
import { IsDatabaseAccessMap } from '../../users/dto/database-access.validator';
import { IsOmittable } from '../../../common/validation/is-omittable.decorator';

const CLAIM = /^[A-Za-z0-9_.:/-]{1,128}$/;
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$/;

export class GroupMappingDto {
  @ApiProperty({ example: 'tessera-admins', description: 'A value of the group (or role) claim' })
  @IsString()
  @Length(1, 255)
  value: string;

  @ApiProperty({ example: ['Administrator'] })
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  roles: string[];

  @ApiPropertyOptional({ example: { '01': 'write' } })
  @IsOmittable()
  @IsDatabaseAccessMap()
  database_access?: Record<string, AccessLevel>;
}

/** Fields of an upstream OpenID Connect provider (issue 15); snake_case as the rest of the management API. */
class IdentityProviderSettings {
  @ApiPropertyOptional({
    writeOnly: true,
    nullable: true,
    description: 'Stored encrypted; never returned (see client_secret_set); null removes it',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @Length(1, 2000)
  client_secret?: string | null;

  @ApiPropertyOptional({ example: ['openid', 'profile', 'email'] })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @Matches(/^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/, { each: true, message: 'each scope must be a scope token (RFC 6749 §3.3)' })
  scopes?: string[];

  @ApiPropertyOptional({ example: ['contoso.com'], description: 'E-mail domains this provider serves (home-realm discovery)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(DOMAIN, { each: true, message: 'each domain must be a domain name such as example.com' })
  domains?: string[];

  @ApiPropertyOptional({ description: 'People of these domains cannot use a local password' })
  @IsOmittable()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'preferred_username' })
  @IsOmittable()
  @Matches(CLAIM, { message: 'username_claim must be a claim name' })
  username_claim?: string;

  @ApiPropertyOptional({ example: 'email' })
  @IsOmittable()
  @Matches(CLAIM, { message: 'email_claim must be a claim name' })
  email_claim?: string;

  @ApiPropertyOptional({ example: 'groups', nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(CLAIM, { message: 'groups_claim must be a claim name' })
  groups_claim?: string | null;

  @ApiPropertyOptional({ type: [GroupMappingDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GroupMappingDto)
  group_mappings?: GroupMappingDto[];
}

export class UpdateIdentityProviderDto extends IdentityProviderSettings {
  @ApiPropertyOptional({ example: 'Contoso (Entra ID)', description: 'Shown on the button: "Sign in with <name>"' })
  @IsOmittable()
  @IsString()
  @Length(1, 128)
  name?: string;

  @ApiPropertyOptional({
    example: 'https://login.microsoftonline.com/<tenant>/v2.0',
    description: 'Its discovery document is <issuer>/.well-known/openid-configuration',
  })
  @IsOmittable()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] }, { message: 'issuer must be an http(s) URL' })
  @Length(1, 500)
  issuer?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 255)
  client_id?: string;
}

export class CreateIdentityProviderDto extends IdentityProviderSettings {
  @ApiProperty({ example: 'Contoso (Entra ID)', description: 'Shown on the button: "Sign in with <name>"' })
  @IsString()
  @Length(1, 128)
  name: string;

  @ApiProperty({
    example: 'https://login.microsoftonline.com/<tenant>/v2.0',
    description: 'Its discovery document is <issuer>/.well-known/openid-configuration',
  })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] }, { message: 'issuer must be an http(s) URL' })
  @Length(1, 500)
  issuer: string;

  @ApiProperty()
  @IsString()
  @Length(1, 255)
  client_id: string;
}

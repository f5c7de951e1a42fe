import { GRANT_TYPES } from '../grants';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ALL_SCOPES } from '../../users/scopes';
import { IsRedirectUriList } from './redirect-uri.validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class CreateAppDto {
  @ApiProperty({ example: 'My application' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Imports room data into our planning tool', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ example: ['https://app.example.com/callback'] })
  @IsRedirectUriList()
  redirect_uris: string[];

  @ApiPropertyOptional({ example: ['https://app.example.com/signed-out'] })
  @IsOmittable()
  @IsRedirectUriList()
  post_logout_redirect_uris?: string[];

  @ApiPropertyOptional({ default: true, description: 'false: a public client (no secret; PKCE required)' })
  @IsOmittable()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ example: ['authorization_code', 'refresh_token'], enum: [...GRANT_TYPES], isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn([...GRANT_TYPES], { each: true, message: `each grant type must be one of ${GRANT_TYPES.join(', ')}` })
  grant_types?: string[];

  @ApiPropertyOptional({ example: ['read', 'write'], description: 'The most this application may ask for; defaults to your own scopes' })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true, message: `each scope must be one of ${ALL_SCOPES.join(', ')}` })
  scopes?: string[];

  @ApiPropertyOptional({ example: 3600, nullable: true, description: 'Access-token lifetime in seconds (default ACCESS_TOKEN_TTL)' })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(86400)
  access_token_ttl?: number | null;

  @ApiPropertyOptional({ example: 1209600, nullable: true, description: 'Refresh-token idle lifetime in seconds' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(31536000)
  refresh_token_ttl?: number | null;

  @ApiPropertyOptional({ default: false, description: 'Issue a refresh token with client_credentials (Fusio style)' })
  @IsOmittable()
  @IsBoolean()
  client_credentials_refresh?: boolean;
}

export class UpdateAppDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsRedirectUriList()
  redirect_uris?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsRedirectUriList()
  post_logout_redirect_uris?: string[];

  @ApiPropertyOptional({ enum: [...GRANT_TYPES], isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn([...GRANT_TYPES], { each: true, message: `each grant type must be one of ${GRANT_TYPES.join(', ')}` })
  grant_types?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true, message: `each scope must be one of ${ALL_SCOPES.join(', ')}` })
  scopes?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(86400)
  access_token_ttl?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(31536000)
  refresh_token_ttl?: number | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  client_credentials_refresh?: boolean;
}

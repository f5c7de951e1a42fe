import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsDateString, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ALL_SCOPES } from '../../users/scopes';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class CreateKeyDto {
  @ApiProperty({ example: 'Power BI dashboard' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({
    enum: ['api_key', 'personal_token'],
    default: 'api_key',
    description: 'api_key: read-only, for Basic/Reference (Power Query); personal_token: a Bearer token with the chosen scopes',
  })
  @IsOmittable()
  @IsIn(['api_key', 'personal_token'])
  type?: 'api_key' | 'personal_token';

  @ApiPropertyOptional({ example: ['read'], description: 'Defaults to ["read"]; never more than your roles give' })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(ALL_SCOPES, { each: true, message: `each scope must be one of ${ALL_SCOPES.join(', ')}` })
  scopes?: string[];

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z', nullable: true })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'expires_at must be an ISO 8601 date-time' })
  expires_at?: string | null;
}

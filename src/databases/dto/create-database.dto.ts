import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class CreateDatabaseDto {
  @ApiProperty({ example: '03', description: 'Letters, digits, . _ - (1–64); used in URLs' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'id must be 1–64 letters, digits or . _ -' })
  id: string;

  @ApiProperty({ example: 'North Campus' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ default: false, description: 'Readable without a token by registered applications (client_id)' })
  @IsOmittable()
  @IsBoolean()
  public?: boolean;
}

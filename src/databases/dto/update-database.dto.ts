import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class UpdateDatabaseDto {
  @ApiPropertyOptional({ example: 'North Campus' })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  public?: boolean;
}

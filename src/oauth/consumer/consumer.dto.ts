import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class ConsumerLoginDto {
  @ApiProperty({ example: 'billybob' })
  @IsString()
  @Length(1, 128)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 1024)
  password: string;

  @ApiPropertyOptional({ example: 'read', description: 'Narrow the token to these scopes (space-separated)' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  scope?: string;

  @ApiPropertyOptional({
    example: '492039',
    description: 'The 6-digit code from the authenticator app, or a recovery code, when the first call answered otp_required',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  otp?: string;
}

export class ConsumerRegisterDto {
  @ApiProperty({ example: 'billybob' })
  @Matches(/^[A-Za-z0-9._@-]{1,128}$/, { message: 'username must be 1–128 letters, digits or . _ @ -' })
  username: string;

  @ApiProperty({ example: 'billy@example.com' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(255)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8 })
  @IsString()
  @Length(8, 1024, { message: 'password must be at least 8 characters' })
  password: string;
}

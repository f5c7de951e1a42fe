import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

/** `POST /api/me/password`: the new password must pass the password policy (docs/security.md, "Passwords"). */
export class ChangePasswordDto {
  @ApiProperty({ example: 'the password you sign in with now' })
  @IsString()
  @Length(1, 1024)
  current_password: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  new_password: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** What an administrator decides about a client application (not one of its owner's settings). */
export class UpdateAdminAppDto {
  @ApiProperty({ example: true, description: "A resource server: may introspect every client's access tokens (RFC 7662)" })
  @IsBoolean()
  introspection: boolean;
}

import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators/public.decorator';
import { RateLimit } from '../limits/rate-limit.decorator';
import { TokenEndpoint } from './token.endpoint';

@ApiTags('oauth2')
@Public()
@Controller()
export class TokenController {
  constructor(private readonly endpoint: TokenEndpoint) {}

  /** RFC 6749 §3.2; `/authorization/token` is the Fusio path. */
  @Post(['oauth2/token', 'authorization/token'])
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ summary: 'Token endpoint (RFC 6749 §3.2): authorization_code, client_credentials, password, refresh_token' })
  @RateLimit('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(@Req() request: FastifyRequest) {
    return this.endpoint.token(request);
  }
}

import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators/public.decorator';
import { RateLimit } from '../limits/rate-limit.decorator';
import { TokenEndpoint } from './token.endpoint';
import { Answers } from '../common/openapi/answers.decorator';
import { TokenForm } from './oauth.openapi';
import { TOKEN_RESPONSE_SCHEMA } from './tokens/token-response';

@ApiTags('oauth2')
@Public()
@Controller()
export class TokenController {
  constructor(private readonly endpoint: TokenEndpoint) {}

  /** RFC 6749 §3.2; `/authorization/token` is the Fusio path. */
  @Post(['oauth2/token', 'authorization/token'])
  @TokenForm()
  @Answers(200, 'Tokens (RFC 6749 §5.1)', TOKEN_RESPONSE_SCHEMA)
  @ApiOperation({ summary: 'Token endpoint (RFC 6749 §3.2): authorization_code, client_credentials, password, refresh_token' })
  @RateLimit('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(@Req() request: FastifyRequest) {
    return this.endpoint.token(request);
  }
}

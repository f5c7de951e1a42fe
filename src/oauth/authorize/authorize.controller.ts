import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators/public.decorator';
import { AuthorizeEndpoint } from './authorize.endpoint';
import { AnswersPageOrRedirect, AuthorizeParameters } from '../oauth.openapi';

/** Resolves its own credential (Bearer or session), so an expired session leads to the login page, not a 401. */
@ApiTags('oauth2')
@Public()
@Controller()
export class AuthorizeController {
  constructor(private readonly endpoint: AuthorizeEndpoint) {}

  /** `/oauth2/auth` is the netrex path. */
  @Get(['oauth2/authorize', 'oauth2/auth'])
  @ApiOperation({
    summary: 'Authorization endpoint (RFC 6749 §4.1.1, PKCE S256): login and consent, or a code at once for a Bearer caller',
  })
  @AuthorizeParameters()
  @AnswersPageOrRedirect('The login or consent page')
  authorizeGet(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.endpoint.authorize(request, reply);
  }

  @Post(['oauth2/authorize', 'oauth2/auth'])
  @ApiConsumes('application/x-www-form-urlencoded')
  @AnswersPageOrRedirect('The login or consent page')
  authorizePost(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.endpoint.authorize(request, reply);
  }

  /** The consent page's form. */
  @Post('consent')
  @ApiConsumes('application/x-www-form-urlencoded')
  @AnswersPageOrRedirect('The consent decision: a redirect to the application with a code or an error')
  decide(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.endpoint.decide(request, reply);
  }
}

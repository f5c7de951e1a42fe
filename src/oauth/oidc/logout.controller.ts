import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators/public.decorator';
import { LogoutService } from './logout.service';
import { AnswersPageOrRedirect } from '../oauth.openapi';

@ApiTags('oauth2')
@Public()
@Controller('oauth2/logout')
export class LogoutController {
  constructor(private readonly logout: LogoutService) {}

  /** OpenID Connect RP-Initiated Logout 1.0 §2: asks the person unless the id_token_hint names them. */
  @Get()
  @AnswersPageOrRedirect('A confirmation page')
  get(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.logout.requested(request, reply);
  }

  /** The confirmation page's form (CSRF-protected). */
  @Post()
  @AnswersPageOrRedirect('Signed out')
  post(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.logout.confirmed(request, reply);
  }
}

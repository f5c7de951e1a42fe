import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfService } from '../../auth/console/csrf.service';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { redirectTo, sendPage } from '../../html/send-page';
import { PersonSessionsService } from '../../oauth/sessions/person-sessions.service';
import { ConsolePage } from '../pages/console-page.decorator';
import { sessionsPage } from './sessions.view';

const NOTICES: Record<string, string> = {
  'signed-out': 'Every other session has ended and every application token of yours was revoked.',
};

/** `/account/sessions` (issue 15, item 4): the service behind the administrators' `/api/admin/users/:id/sessions`. */
@ConsolePage('account/sessions', 'person')
export class SessionsPageController {
  constructor(
    private readonly sessions: PersonSessionsService,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  async show(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    sendPage(
      reply,
      sessionsPage({
        frame: {
          username: principal.username ?? '',
          csrfToken: this.csrf.tokenFor(request, reply),
          isAdmin: principal.scopes.includes('admin'),
        },
        overview: await this.sessions.overviewOf(principal.userId!, principal.credentialId),
        notice: NOTICES[code ?? ''] ?? null,
      }),
    );
  }

  @Post('sign-out-everywhere')
  async signOutEverywhere(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.sessions.signOutEverywhere(
      principal.userId!,
      { id: principal.userId, name: principal.username, ip: request.ip },
      principal.credentialId,
    );
    redirectTo(reply, '/account/sessions?notice=signed-out');
  }
}

import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { AuthorizedAppsService } from '../../oauth/authorized-apps/authorized-apps.service';
import { CsrfService } from '../../auth/console/csrf.service';
import { redirectTo, sendPage } from '../../html/send-page';
import { authorizedAppsPage } from './authorized-apps.view';
import { ConsolePage } from '../pages/console-page.decorator';

const NOTICES: Record<string, string> = { revoked: 'Access was revoked: the application’s tokens no longer work.' };

/** `/account/authorized`: the applications a person allowed (the service behind `/api/grants`). */
@ConsolePage('account/authorized', 'person')
export class AuthorizedAppsPageController {
  constructor(
    private readonly authorized: AuthorizedAppsService,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    sendPage(
      reply,
      authorizedAppsPage({
        frame: {
          username: principal.username ?? '',
          csrfToken: this.csrf.tokenFor(request, reply),
          isAdmin: principal.scopes.includes('admin'),
        },
        grants: await this.authorized.list(principal),
        notice: NOTICES[code ?? ''] ?? null,
      }),
    );
  }

  @Post(':id/revoke')
  async revoke(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() reply: FastifyReply) {
    await this.authorized.revoke(actor, id);
    redirectTo(reply, '/account/authorized?notice=revoked');
  }
}

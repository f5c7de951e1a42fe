import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { ApiError } from '../../common/errors/api-error';
import { UsersService } from '../../users/users.service';
import { CsrfService } from '../../auth/console/csrf.service';
import { redirectTo, sendPage } from '../../html/send-page';
import { PasswordPage, passwordPage } from './password.view';
import { RateLimit } from '../../limits/rate-limit.decorator';
import { ConsolePage } from '../pages/console-page.decorator';

type FormBody = Record<string, unknown>;
const NOTICES: Record<string, string> = { changed: 'Your password was changed. Every other session and token of yours has ended.' };

/** `/account/password`: the self-service change behind `POST /api/me/password` (UsersService.changeOwnPassword). */
@ConsolePage('account/password', 'person')
export class PasswordPageController {
  constructor(
    private readonly users: UsersService,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  show(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    sendPage(reply, passwordPage({ frame: this.frame(principal, request, reply), notice: NOTICES[code ?? ''] ?? null }));
  }

  @Post()
  @RateLimit('login')
  async change(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const refusal = await this.users
      .changeOwnPassword(principal.userId!, text('current_password'), text('new_password'), {
        keepSessionIdHash: principal.credentialId,
        context: { ip: request.ip },
      })
      .then(
        () => null,
        (error: unknown) => refusalOf(error),
      );
    if (!refusal) return redirectTo(reply, '/account/password?notice=changed');
    sendPage(reply, passwordPage({ frame: this.frame(principal, request, reply), errors: refusal.errors }), refusal.status);
  }

  private frame(principal: Principal, request: FastifyRequest, reply: FastifyReply): PasswordPage['frame'] {
    return {
      username: principal.username ?? '',
      csrfToken: this.csrf.tokenFor(request, reply),
      isAdmin: principal.scopes.includes('admin'),
    };
  }
}

/** A policy refusal names `password` (the new one); any other refusal is the current password's. */
function refusalOf(error: unknown): { status: number; errors: NonNullable<PasswordPage['errors']> } {
  if (!(error instanceof ApiError) || error.status >= 500) throw error;
  return {
    status: error.status,
    errors: error.options.target === 'password' ? { new_password: error.message } : { current_password: error.message },
  };
}

import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimit } from '../../limits/rate-limit.decorator';
import { CsrfService } from '../../auth/console/csrf.service';
import { sendPage } from '../../html/send-page';
import { textOf } from '../forms/field-errors';
import { loginPage } from './login.view';
import { safeReturnPath } from './return-to';
import { SignInResult, WebSessions } from './web-sessions';
import { ConsolePage } from '../pages/console-page.decorator';

type FormBody = Record<string, unknown>;

/** `/login` and `/logout` (issue 5): a session cookie for people; API users cannot sign in. */
@ConsolePage('', 'anyone')
export class LoginController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly csrf: CsrfService,
  ) {}

  @Get('login')
  show(@Req() request: FastifyRequest & { user?: unknown }, @Res() reply: FastifyReply, @Query('return_to') returnTo?: string) {
    const target = safeReturnPath(returnTo);
    if (request.user) return reply.redirect(target, 303);
    sendPage(reply, loginPage({ csrfToken: this.csrf.tokenFor(request, reply), returnTo: target }));
  }

  @Post('login')
  @RateLimit('login')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const username = textOf(body.username);
    const password = typeof body.password === 'string' ? body.password : '';
    const target = safeReturnPath(body.return_to);
    const signedIn = username && password ? await this.sessions.signIn(request, reply, username, password) : null;
    if (signedIn) return reply.header('Cache-Control', 'no-store').redirect(afterPassword(signedIn, target), 303);
    const error =
      username && password
        ? 'The user name or password is wrong, or the account is locked or disabled.'
        : 'Enter your user name and password.';
    sendPage(
      reply,
      loginPage({ csrfToken: this.csrf.tokenFor(request, reply), returnTo: target, username, error }),
      username && password ? 401 : 400,
    );
  }

  @Post('logout')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    await this.sessions.signOut(request, reply);
    // "Not you?" on the consent page: sign in as someone else and come back to the same request.
    const target = typeof body?.return_to === 'string' ? safeReturnPath(body.return_to) : null;
    reply.header('Cache-Control', 'no-store').redirect(target ? `/login?return_to=${encodeURIComponent(target)}` : '/login', 303);
  }
}

/** Signed in: the page asked for; otherwise the second step, which returns there (issue 15). */
function afterPassword(result: SignInResult, target: string): string {
  if (result === 'signed-in') return target;
  return `/login/${result === 'otp' ? 'second-step' : 'two-factor-setup'}?return_to=${encodeURIComponent(target)}`;
}

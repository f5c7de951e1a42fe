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
import { FederationService } from '../../federation/federation.service';
import { IdentityProvidersService } from '../../federation/identity-providers.service';
import { PasswordSignInRefused } from '../../users/password-sign-in.rules';

type FormBody = Record<string, unknown>;

/** `/login` and `/logout` (issue 5): a session cookie for people; API users cannot sign in. */
@ConsolePage('', 'anyone')
export class LoginController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly csrf: CsrfService,
    private readonly providers: IdentityProvidersService,
    private readonly federation: FederationService,
  ) {}

  @Get('login')
  async show(
    @Req() request: FastifyRequest & { user?: unknown },
    @Res() reply: FastifyReply,
    @Query('return_to') returnTo?: string,
    @Query('error') error?: string,
    @Query('prompt') prompt?: string,
    @Query('max_age') maxAge?: string,
  ) {
    const target = safeReturnPath(returnTo);
    // prompt=login (an authorization request asking for a fresh sign-in): the form even for someone signed in.
    if (request.user && prompt !== 'login') return reply.redirect(target, 303);
    const notice =
      error === 'no_provider' ? 'No company sign-in is set up for that e-mail address: sign in with your user name and password.' : null;
    const upstream = { forceLogin: prompt === 'login', maxAge: typeof maxAge === 'string' && /^\d{1,9}$/.test(maxAge) ? maxAge : null };
    const csrfToken = this.csrf.tokenFor(request, reply);
    sendPage(reply, loginPage({ csrfToken, returnTo: target, providers: await this.signInOptions(), error: notice, upstream }));
  }

  @Post('login')
  @RateLimit('login')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const username = textOf(body.username);
    const password = typeof body.password === 'string' ? body.password : '';
    const target = safeReturnPath(body.return_to);
    const outcome = username && password ? await this.sessions.signIn(request, reply, username, password).catch(refusedAs) : null;
    if (typeof outcome === 'string') return reply.header('Cache-Control', 'no-store').redirect(afterPassword(outcome, target), 303);
    const refused = outcome?.refused;
    const error =
      refused ??
      (username && password
        ? 'The user name or password is wrong, or the account is locked or disabled.'
        : 'Enter your user name and password.');
    sendPage(
      reply,
      loginPage({
        csrfToken: this.csrf.tokenFor(request, reply),
        returnTo: target,
        username,
        error,
        providers: await this.signInOptions(),
      }),
      refused ? 403 : username && password ? 401 : 400,
    );
  }

  private async signInOptions() {
    return (await this.providers.listEnabled()).map(({ id, name }) => ({ id, name }));
  }

  @Post('logout')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const identityProviderId = await this.sessions.signOut(request, reply);
    // "Not you?" on the consent page: sign in as someone else and come back to the same request.
    const target = typeof body?.return_to === 'string' ? safeReturnPath(body.return_to) : null;
    // Signed in through a company provider: end that session too (RP-initiated logout), back to /login.
    const upstream = identityProviderId && !target ? await this.federation.logoutUrl(identityProviderId) : null;
    if (upstream) return reply.header('Cache-Control', 'no-store').redirect(upstream, 303);
    reply.header('Cache-Control', 'no-store').redirect(target ? `/login?return_to=${encodeURIComponent(target)}` : '/login', 303);
  }
}

/** Signed in: the page asked for; otherwise the second step, which returns there (issue 15). */
function afterPassword(result: SignInResult, target: string): string {
  if (result === 'signed-in') return target;
  return `/login/${result === 'otp' ? 'second-step' : 'two-factor-setup'}?return_to=${encodeURIComponent(target)}`;
}

/** A password refused by a rule (a required identity provider) is shown as its sentence beside the form. */
function refusedAs(error: unknown): { refused: string } {
  if (error instanceof PasswordSignInRefused) return { refused: error.message };
  throw error;
}

import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleCookies } from '../../auth/console/console-cookies';
import { FederationService } from '../../federation/federation.service';
import { IdentityProvidersService } from '../../federation/identity-providers.service';
import { RateLimit } from '../../limits/rate-limit.decorator';
import { ConsolePage } from '../pages/console-page.decorator';
import { safeReturnPath } from './return-to';
import { WebSessions } from './web-sessions';

/**
 * "Sign in with <provider>" (issue 15): home-realm discovery, the redirect to the provider and its
 * callback, after which the browser continues where it was going (an authorization request goes on
 * to consent exactly as after a password). Errors are pages (502 when the provider is down).
 */
@ConsolePage('login/federation', 'anyone')
export class FederationPageController {
  constructor(
    private readonly federation: FederationService,
    private readonly providers: IdentityProvidersService,
    private readonly sessions: WebSessions,
    private readonly cookies: ConsoleCookies,
  ) {}

  /** Home-realm discovery: the provider serving the e-mail's domain, or back to the login page. */
  @Get()
  async discover(@Res() reply: FastifyReply, @Query('email') email?: string, @Query('return_to') returnTo?: string) {
    const target = encodeURIComponent(safeReturnPath(returnTo));
    const provider = await this.providers.forEmail(typeof email === 'string' ? email : null);
    if (!provider) return reply.header('Cache-Control', 'no-store').redirect(`/login?error=no_provider&return_to=${target}`, 303);
    const hint = encodeURIComponent(String(email).trim());
    reply.header('Cache-Control', 'no-store').redirect(`/login/federation/${provider.id}?return_to=${target}&login_hint=${hint}`, 303);
  }

  @Get(':id')
  @RateLimit('login')
  async start(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    const maxAge = typeof query.max_age === 'string' && /^\d{1,9}$/.test(query.max_age) ? Number(query.max_age) : null;
    const started = await this.federation.start({
      providerId: id,
      returnTo: safeReturnPath(query.return_to),
      browserValue: this.cookies.federationOf(request),
      forceLogin: query.prompt === 'login',
      maxAge,
      loginHint: typeof query.login_hint === 'string' ? query.login_hint.slice(0, 255) : null,
    });
    this.cookies.setFederation(reply, started.browserValue);
    reply.header('Cache-Control', 'no-store').redirect(started.location, 303);
  }

  @Get(':id/callback')
  @RateLimit('login')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const done = await this.federation.complete(id, request.url, this.cookies.federationOf(request), request.ip ?? null);
    await this.sessions.signInFederated(request, reply, done.user.id, done.provider.id);
    reply.header('Cache-Control', 'no-store').redirect(safeReturnPath(done.returnTo), 303);
  }
}

import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfService } from '../../auth/console/csrf.service';
import { TwoFactorService } from '../../auth/two-factor/two-factor.service';
import { redirectTo, sendPage } from '../../html/send-page';
import { RateLimit } from '../../limits/rate-limit.decorator';
import { textOf } from '../forms/field-errors';
import { ConsolePage } from '../pages/console-page.decorator';
import { safeReturnPath } from './return-to';
import { forcedSetupPage, secondStepPage, setupDonePage } from './second-step.view';
import { WebSessions } from './web-sessions';

type FormBody = Record<string, unknown>;
const WRONG_CODE = 'That code is wrong or was already used, or the account is locked. Try the next code from the app.';

/**
 * The console's second sign-in step (issue 15): `/login/second-step` asks an enrolled person for a
 * code; `/login/two-factor-setup` makes a person whose role requires two factors set up TOTP first.
 * Both need the pending sign-in the password step started (else back to /login).
 */
@ConsolePage('login', 'anyone')
export class SecondStepPageController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly twoFactor: TwoFactorService,
    private readonly csrf: CsrfService,
  ) {}

  @Get('second-step')
  async askForCode(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('return_to') returnTo?: string) {
    if (!(await this.sessions.pendingPerson(request, 'otp'))) return redirectTo(reply, '/login');
    sendPage(reply, secondStepPage({ csrfToken: this.csrf.tokenFor(request, reply), returnTo: safeReturnPath(returnTo) }));
  }

  @Post('second-step')
  @RateLimit('login')
  async checkCode(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const person = await this.sessions.pendingPerson(request, 'otp');
    if (!person) return redirectTo(reply, '/login');
    const target = safeReturnPath(body.return_to);
    if (await this.sessions.finishWithCode(request, reply, person, textOf(body.code))) return redirectTo(reply, target);
    sendPage(reply, secondStepPage({ csrfToken: this.csrf.tokenFor(request, reply), returnTo: target, error: WRONG_CODE }), 401);
  }

  @Get('two-factor-setup')
  async showSetup(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('return_to') returnTo?: string) {
    const person = await this.sessions.pendingPerson(request, 'enrol');
    if (!person) return redirectTo(reply, '/login');
    const setup = (await this.twoFactor.pendingSetup(person)) ?? (await this.twoFactor.begin(person));
    sendPage(reply, forcedSetupPage({ csrfToken: this.csrf.tokenFor(request, reply), returnTo: safeReturnPath(returnTo), setup }));
  }

  @Post('two-factor-setup')
  @RateLimit('login')
  async confirmSetup(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody) {
    const person = await this.sessions.pendingPerson(request, 'enrol');
    if (!person) return redirectTo(reply, '/login');
    const target = safeReturnPath(body.return_to);
    const codes = await this.twoFactor.confirm(person, textOf(body.code), { ip: request.ip });
    if (codes) {
      await this.sessions.finishAfterEnrolment(request, reply, person);
      return sendPage(reply, setupDonePage(codes, target));
    }
    const setup = (await this.twoFactor.pendingSetup(person)) ?? (await this.twoFactor.begin(person));
    const page = forcedSetupPage({
      csrfToken: this.csrf.tokenFor(request, reply),
      returnTo: target,
      setup,
      error: 'That code does not match. Check the time on your phone and enter the code the app shows now.',
    });
    sendPage(reply, page, 400);
  }
}

import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfService } from '../../auth/console/csrf.service';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { SecondFactor } from '../../auth/two-factor/second-factor';
import { TwoFactorPolicy } from '../../auth/two-factor/two-factor.policy';
import { Person, TwoFactorService } from '../../auth/two-factor/two-factor.service';
import { redirectTo, sendPage } from '../../html/send-page';
import { UsersService } from '../../users/users.service';
import { textOf } from '../forms/field-errors';
import { ConsolePage } from '../pages/console-page.decorator';
import { RateLimit } from '../../limits/rate-limit.decorator';
import { TwoFactorPage, twoFactorPage } from './two-factor.view';

type FormBody = Record<string, unknown>;
const NOTICES: Record<string, string> = { off: 'Two-factor sign-in is off.' };
const WRONG_CODE = 'That code is wrong or was already used. Enter the code the app shows now.';
const WRONG_PASSWORD = 'That password is wrong. Enter the password you sign in with.';

/** `/account/two-factor` (issue 15): TOTP set-up with its recovery codes, renewing them, turning it off. */
@ConsolePage('account/two-factor', 'person')
export class TwoFactorPageController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly policy: TwoFactorPolicy,
    private readonly secondFactor: SecondFactor,
    private readonly users: UsersService,
    private readonly csrf: CsrfService,
  ) {}

  @Get()
  async show(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { notice: NOTICES[code ?? ''] ?? null })));
  }

  /** Asks for the password again: a session alone must not tie the account to another phone (review of 4 December). */
  @Post('setup')
  @RateLimit('login')
  async setUp(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const person = personOf(principal);
    if (!(await this.passwordConfirmed(person, textOf(body.password), request)))
      return sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { error: WRONG_PASSWORD })), 401);
    const setup = await this.twoFactor.begin(person);
    sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { setup })));
  }

  @Post('confirm')
  async confirm(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const person = personOf(principal);
    const recoveryCodes = await this.twoFactor.confirm(person, textOf(body.code), { ip: request.ip });
    if (recoveryCodes) return sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { recoveryCodes })));
    const setup = await this.twoFactor.pendingSetup(person);
    sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { setup, error: WRONG_CODE })), 400);
  }

  @Post('recovery-codes')
  async renew(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const person = personOf(principal);
    if (!(await this.secondFactor.verify(person, textOf(body.code), { ip: request.ip, channel: 'account' })))
      return sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { error: WRONG_CODE })), 401);
    const recoveryCodes = await this.twoFactor.renewRecoveryCodes(person, { ip: request.ip });
    sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { recoveryCodes })));
  }

  @Post('disable')
  async disable(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const person = personOf(principal);
    const required = await this.isRequired(principal);
    if (required || !(await this.secondFactor.verify(person, textOf(body.code), { ip: request.ip, channel: 'account' }))) {
      const error = required ? 'Your role requires two-factor sign-in.' : WRONG_CODE;
      return sendPage(reply, twoFactorPage(await this.page(principal, request, reply, { error })), required ? 403 : 401);
    }
    await this.twoFactor.remove(person, { id: person.id, name: person.username }, { ip: request.ip });
    redirectTo(reply, '/account/two-factor?notice=off');
  }

  /** A wrong password counts like a failed sign-in (slow-down, lockout); a person without one is not asked. */
  private async passwordConfirmed(person: Person, password: string, request: FastifyRequest): Promise<boolean> {
    if (!(await this.users.hasPassword(person.id))) return true;
    return (await this.users.verifyPassword(person.username, password, { ip: request.ip, channel: 'two-factor-setup' })) !== null;
  }

  private async isRequired(principal: Principal): Promise<boolean> {
    const user = await this.users.findById(principal.userId!);
    return user !== null && this.policy.isRequiredOf(user);
  }

  private async page(
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<TwoFactorPage>,
  ): Promise<TwoFactorPage> {
    return {
      frame: {
        username: principal.username ?? '',
        csrfToken: this.csrf.tokenFor(request, reply),
        isAdmin: principal.scopes.includes('admin'),
      },
      status: await this.twoFactor.statusOf(principal.userId!),
      required: await this.isRequired(principal),
      hasPassword: await this.users.hasPassword(principal.userId!),
      ...extra,
    };
  }
}

function personOf(principal: Principal): Person {
  return { id: principal.userId!, username: principal.username ?? '' };
}

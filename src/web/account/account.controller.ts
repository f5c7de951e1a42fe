import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { CreateKeyDto } from '../../keys/dto/create-key.dto';
import { KeysFacade } from '../../keys/keys.facade';
import { UsersService } from '../../users/users.service';
import { CsrfService } from '../../auth/console/csrf.service';
import { FieldErrors, fieldErrorsFrom, hasErrors, listOf, textOf, validateForm } from '../forms/field-errors';
import { redirectTo, sendPage } from '../../html/send-page';
import { AccountPage, accountPage } from './account.view';
import { ConsolePage } from '../pages/console-page.decorator';

type FormBody = Record<string, unknown>;
const NOTICES: Record<string, string> = { revoked: 'The key was revoked: it no longer works.' };

/** `/account`: a person's own keys and tokens (and, with the oauth module, applications and grants). */
@ConsolePage('account', 'person')
export class AccountController {
  constructor(
    private readonly keys: KeysFacade,
    private readonly users: UsersService,
    private readonly csrf: CsrfService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  @Get()
  async show(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    sendPage(reply, accountPage(await this.page(principal, request, reply, { notice: NOTICES[code ?? ''] ?? null })));
  }

  @Post('keys')
  async createKey(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const form = { name: textOf(body.name), type: textOf(body.type), scopes: listOf(body.scopes), expires: textOf(body.expires) };
    const { dto, errors } = await validateForm(CreateKeyDto, {
      name: form.name,
      type: form.type || undefined,
      scopes: form.scopes,
      ...(form.expires ? { expires_at: endOfDay(form.expires) } : {}),
    });
    if (form.expires && !/^\d{4}-\d{2}-\d{2}$/.test(form.expires)) errors.expires_at = 'Choose a date';
    const created = hasErrors(errors)
      ? null
      : await this.keys.create({ principal, ip: request.ip }, dto).catch((error: unknown) => {
          Object.assign(errors, fieldErrorsFrom(error, ['name', 'type', 'scopes', 'expires_at']));
          return null;
        });
    const page = await this.page(principal, request, reply, created ? { created } : { form, errors });
    sendPage(reply, accountPage(page), created ? 200 : 400);
  }

  @Post('keys/:id/revoke')
  async revokeKey(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() reply: FastifyReply) {
    await this.keys.revoke(actor, id);
    redirectTo(reply, '/account?notice=revoked');
  }

  private async page(
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<AccountPage> & { errors?: FieldErrors },
  ): Promise<AccountPage> {
    const user = await this.users.findById(principal.userId!);
    return {
      csrfToken: this.csrf.tokenFor(request, reply),
      username: principal.username ?? '',
      roles: (user?.roles ?? []).map((role) => role.name),
      scopes: principal.scopes,
      isAdmin: principal.scopes.includes('admin'),
      issuer: this.config.issuer,
      keys: await this.keys.list(principal),
      ...extra,
    };
  }
}

function endOfDay(date: string): string {
  return `${date}T23:59:59.999Z`;
}

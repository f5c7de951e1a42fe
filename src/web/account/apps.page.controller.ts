import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import type { AppView } from '../../oauth/apps/app.view';
import { AppsFacade } from '../../oauth/apps/apps.facade';
import { CreateAppDto, UpdateAppDto } from '../../oauth/apps/app.dto';
import { Forbidden } from '../../common/errors/api-error';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { CsrfService } from '../../auth/console/csrf.service';
import { FieldErrors, fieldErrorsFrom, hasErrors, linesOf, listOf, textOf, validateForm } from '../forms/field-errors';
import { redirectTo, sendPage } from '../../html/send-page';
import { AppFormValues, appPage, appsPage, formValuesOf } from './apps.view';
import { ConsolePage } from '../pages/console-page.decorator';

type FormBody = Record<string, unknown>;
const APP_FIELDS = ['name', 'description', 'redirect_uris', 'post_logout_redirect_uris', 'confidential', 'grant_types', 'scopes'];
const NOTICES: Record<string, string> = { saved: 'Saved.', deleted: 'The application was deleted: its tokens no longer work.' };

/**
 * `/account/apps`: a person's client applications, over the same `AppsFacade` as `/api/apps`
 * (its rules, APPS_REQUIRE_FULL_ACCESS included, are not repeated here). Secrets are shown once.
 */
@ConsolePage('account/apps', 'person')
export class AppsPageController {
  constructor(
    private readonly apps: AppsFacade,
    private readonly csrf: CsrfService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    await this.renderList(principal, request, reply, { notice: NOTICES[code ?? ''] ?? null });
  }

  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const form: AppFormValues = {
      name: textOf(body.name),
      description: textOf(body.description),
      redirect_uris: textOf(body.redirect_uris),
      client_type: body.client_type === 'public' ? 'public' : 'confidential',
      grant_types: listOf(body.grant_types),
      scopes: listOf(body.scopes),
    };
    const { dto, errors } = await validateForm(CreateAppDto, {
      name: form.name,
      ...(form.description ? { description: form.description } : {}),
      redirect_uris: linesOf(form.redirect_uris),
      confidential: form.client_type !== 'public',
      ...(form.grant_types!.length ? { grant_types: form.grant_types } : {}),
      scopes: form.scopes,
    });
    const created = hasErrors(errors)
      ? null
      : await this.apps.create({ principal, ip: request.ip }, dto).catch((error: unknown) => refuse(error, errors));
    // The answer to this POST is the only place the secret appears (never cached, not redirected).
    await this.renderList(principal, request, reply, created ? { created } : { form, errors }, created ? 201 : 400);
  }

  @Get(':clientId')
  async show(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId') clientId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    const app = await this.apps.get(principal, clientId);
    sendPage(
      reply,
      appPage({ frame: this.frame(principal, request, reply), app, form: formValuesOf(app), notice: NOTICES[code ?? ''] ?? null }),
    );
  }

  @Post(':clientId')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId') clientId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const form: AppFormValues = {
      name: textOf(body.name),
      description: textOf(body.description),
      redirect_uris: textOf(body.redirect_uris),
      post_logout_redirect_uris: textOf(body.post_logout_redirect_uris),
    };
    const { dto, errors } = await validateForm(UpdateAppDto, {
      name: form.name,
      description: form.description || null,
      redirect_uris: linesOf(form.redirect_uris),
      post_logout_redirect_uris: linesOf(form.post_logout_redirect_uris),
    });
    const saved = hasErrors(errors)
      ? null
      : await this.apps.update({ principal, ip: request.ip }, clientId, dto).catch((error: unknown) => refuse(error, errors));
    if (saved) return redirectTo(reply, `/account/apps/${encodeURIComponent(clientId)}?notice=saved`);
    const app = await this.apps.get(principal, clientId);
    sendPage(reply, appPage({ frame: this.frame(principal, request, reply), app, form, errors }), 400);
  }

  @Post(':clientId/secret')
  async rotateSecret(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId') clientId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const rotated = await this.apps.rotateSecret({ principal, ip: request.ip }, clientId);
    const app = await this.apps.get(principal, clientId);
    sendPage(
      reply,
      appPage({ frame: this.frame(principal, request, reply), app, form: formValuesOf(app), secret: rotated.client_secret ?? null }),
    );
  }

  @Post(':clientId/delete')
  async remove(@CurrentActor() actor: Actor, @Param('clientId') clientId: string, @Res() reply: FastifyReply) {
    await this.apps.delete(actor, clientId);
    redirectTo(reply, '/account/apps?notice=deleted');
  }

  private async renderList(
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { created?: AppView; form?: AppFormValues; errors?: FieldErrors; notice?: string | null },
    status = 200,
  ) {
    sendPage(
      reply,
      appsPage({
        frame: this.frame(principal, request, reply),
        apps: await this.apps.list(principal),
        scopes: principal.scopes,
        canCreate: !this.config.appsRequireFullAccess || principal.access.full,
        ...extra,
      }),
      status,
    );
  }

  private frame(principal: Principal, request: FastifyRequest, reply: FastifyReply) {
    return {
      username: principal.username ?? '',
      csrfToken: this.csrf.tokenFor(request, reply),
      isAdmin: principal.scopes.includes('admin'),
    };
  }
}

/** A refusal placed beside its field; a Forbidden (APPS_REQUIRE_FULL_ACCESS) becomes the 403 page. */
function refuse(error: unknown, errors: FieldErrors): null {
  if (error instanceof Forbidden) throw error;
  Object.assign(errors, fieldErrorsFrom(error, APP_FIELDS));
  return null;
}

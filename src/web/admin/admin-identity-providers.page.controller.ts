import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminIdentityProvidersService } from '../../admin/identity-providers/admin-identity-providers.service';
import { CreateIdentityProviderDto, UpdateIdentityProviderDto } from '../../admin/identity-providers/dto/identity-provider-fields';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { redirectTo, sendPage } from '../../html/send-page';
import { FieldErrors, fieldErrorsFrom, hasErrors, textOf, validateForm } from '../forms/field-errors';
import { ConsolePage } from '../pages/console-page.decorator';
import { actorOf, AdminPageContext } from './admin-page-context';
import { GroupMappingsFormatError, parseGroupMappings } from './group-mappings.parser';
import { formOf, identityProviderEditPage, identityProvidersPage, ProviderForm } from './identity-providers.view';

type FormBody = Record<string, unknown>;
const NOTICES: Record<string, string> = { saved: 'Saved.', deleted: 'The identity provider was deleted.' };
const FIELDS = [
  'name',
  'issuer',
  'client_id',
  'client_secret',
  'scopes',
  'domains',
  'username_claim',
  'email_claim',
  'groups_claim',
  'group_mappings',
];

/** `/admin/identity-providers` (issue 15): the same rules and audit as `/api/admin/identity-providers`, as forms. */
@ConsolePage('admin/identity-providers', 'admin')
export class AdminIdentityProvidersPageController {
  constructor(
    private readonly providers: AdminIdentityProvidersService,
    private readonly context: AdminPageContext,
  ) {}

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    await this.renderList(principal, request, reply, { errors: {}, form: {}, notice: NOTICES[code ?? ''] });
  }

  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const form = formFrom(body);
    const errors = await this.attempt(CreateIdentityProviderDto, body, (dto) => this.providers.create(actorOf(principal, request), dto));
    if (!errors) return redirectTo(reply, '/admin/identity-providers?notice=saved');
    await this.renderList(principal, request, reply, { errors, form }, 400);
  }

  @Get(':id')
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const provider = await this.providers.get(id);
    const frame = this.context.frame(principal, request, reply, 'identity-providers', provider.name);
    sendPage(reply, identityProviderEditPage({ frame, provider, errors: {}, form: formOf(provider) }));
  }

  @Post(':id')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const errors = await this.attempt(UpdateIdentityProviderDto, body, (dto) =>
      this.providers.update(actorOf(principal, request), id, dto),
    );
    if (!errors) return redirectTo(reply, '/admin/identity-providers?notice=saved');
    const provider = await this.providers.get(id);
    const frame = this.context.frame(principal, request, reply, 'identity-providers', provider.name);
    sendPage(reply, identityProviderEditPage({ frame, provider, errors, form: formFrom(body) }), 400);
  }

  @Post(':id/delete')
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.providers.remove(actorOf(principal, request), id);
    redirectTo(reply, '/admin/identity-providers?notice=deleted');
  }

  /** Validates the form as the JSON API would, then runs the change; the errors by field, or null when it was made. */
  private async attempt<T extends object>(
    type: new () => T,
    body: FormBody,
    change: (dto: T) => Promise<unknown>,
  ): Promise<FieldErrors | null> {
    let values: object;
    try {
      values = dtoValues(body);
    } catch (error) {
      if (error instanceof GroupMappingsFormatError) return { group_mappings: error.message };
      throw error;
    }
    const { dto, errors } = await validateForm(type, values);
    if (hasErrors(errors)) return errors;
    try {
      await change(dto);
      return null;
    } catch (error) {
      return fieldErrorsFrom(error, FIELDS);
    }
  }

  private async renderList(
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    state: { errors: FieldErrors; form: ProviderForm; notice?: string },
    status = 200,
  ) {
    const frame = this.context.frame(principal, request, reply, 'identity-providers', 'Identity providers');
    sendPage(reply, identityProvidersPage({ frame, providers: await this.providers.list(), ...state }), status);
  }
}

function formFrom(body: FormBody): ProviderForm {
  return {
    ...Object.fromEntries(FIELDS.filter((name) => name !== 'client_secret').map((name) => [name, textOf(body[name])])),
    required: body.required === 'true',
    enabled: body.enabled === 'true',
  };
}

/** The form as the JSON API's body: words split, an empty secret kept (undefined), the rules parsed. */
function dtoValues(body: FormBody): object {
  const words = (value: unknown) =>
    textOf(value)
      .split(/[\s,]+/)
      .filter(Boolean);
  const secret = textOf(body.client_secret);
  return {
    name: textOf(body.name),
    issuer: textOf(body.issuer),
    client_id: textOf(body.client_id),
    ...(secret ? { client_secret: secret } : {}),
    scopes: words(body.scopes),
    domains: words(body.domains),
    required: body.required === 'true',
    enabled: body.enabled === 'true',
    username_claim: textOf(body.username_claim) || 'preferred_username',
    email_claim: textOf(body.email_claim) || 'email',
    groups_claim: textOf(body.groups_claim) || null,
    group_mappings: parseGroupMappings(textOf(body.group_mappings)),
  };
}

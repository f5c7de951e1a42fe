import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminUsersService } from '../../admin/users/admin-users.service';
import { CreateUserDto } from '../../admin/users/dto/create-user.dto';
import { UpdateUserDto } from '../../admin/users/dto/update-user.dto';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { FieldErrors, fieldErrorsFrom, hasErrors, validateForm } from '../forms/field-errors';
import { redirectTo, sendPage } from '../../html/send-page';
import { actorOf, AdminPageContext } from './admin-page-context';
import { formValuesFrom, userFieldsFrom } from './user-form.parser';
import { UserFormValues, valuesOf } from './user-form.view';
import { userPage, usersPage } from './users.view';
import { ConsolePage } from '../pages/console-page.decorator';

type FormBody = Record<string, unknown>;
type Kind = 'person' | 'api';
const USER_FIELDS = [
  'username',
  'email',
  'password',
  'roles',
  'database_access',
  'full_access',
  'disabled',
  'oauth2_enabled',
  'access_token_ttl_minutes',
];
const NOTICES: Record<string, string> = {
  saved: 'Saved.',
  created: 'Created. Turn OAuth 2.0 on and generate its API token below.',
  deleted: 'The user was deleted.',
};
const ALL_USERS = { top: 1000, skip: 0 };

/** `/admin/users`, `/admin/api-users`, `/admin/users/:id`: the pages over the admin users API. */
@ConsolePage('admin', 'admin')
export class AdminUsersPageController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly context: AdminPageContext,
  ) {}

  @Get()
  home(@Res() reply: FastifyReply) {
    redirectTo(reply, '/admin/users');
  }

  @Get('users')
  people(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    return this.renderList(principal, request, reply, 'person', { values: {}, errors: {}, notice: NOTICES[code ?? ''] });
  }

  @Get('api-users')
  apiUsers(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    return this.renderList(principal, request, reply, 'api', { values: { oauth2Enabled: true }, errors: {}, notice: NOTICES[code ?? ''] });
  }

  @Post('users')
  createPerson(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    return this.create(principal, request, reply, body, 'person');
  }

  @Post('api-users')
  createApiUser(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    return this.create(principal, request, reply, body, 'api');
  }

  @Get('users/:id')
  async show(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    const user = await this.users.get(principal, id);
    await this.renderUser(principal, request, reply, id, { values: valuesOf(user), errors: {}, notice: NOTICES[code ?? ''] });
  }

  @Post('users/:id')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const user = await this.users.get(principal, id);
    const fields = userFieldsFrom(body, user.kind as Kind, 'edit');
    const { dto, errors } = await validateForm(UpdateUserDto, fields);
    if (!hasErrors(errors)) {
      const saved = await this.users
        .update(actorOf(principal, request), id, dto)
        .catch((error: unknown) => Object.assign(errors, fieldErrorsFrom(error, USER_FIELDS)) && null);
      if (saved) return redirectTo(reply, `/admin/users/${id}?notice=saved`);
    }
    await this.renderUser(principal, request, reply, id, { values: formValuesFrom(fields), errors }, 400);
  }

  @Post('users/:id/api-token')
  async issueApiToken(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const apiToken = await this.users.issueApiToken(actorOf(principal, request), id);
    const user = await this.users.get(principal, id);
    await this.renderUser(principal, request, reply, id, { values: valuesOf(user), errors: {}, apiToken });
  }

  @Post('users/:id/delete')
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = await this.users.get(principal, id);
    await this.users.remove(actorOf(principal, request), id);
    redirectTo(reply, `${user.kind === 'api' ? '/admin/api-users' : '/admin/users'}?notice=deleted`);
  }

  private async create(principal: Principal, request: FastifyRequest, reply: FastifyReply, body: FormBody, kind: Kind) {
    const fields = { ...userFieldsFrom(body, kind, 'create'), kind };
    const { dto, errors } = await validateForm(CreateUserDto, fields);
    if (!hasErrors(errors)) {
      const created = await this.users
        .create(actorOf(principal, request), dto)
        .catch((error: unknown) => Object.assign(errors, fieldErrorsFrom(error, USER_FIELDS)) && null);
      if (created) return redirectTo(reply, kind === 'api' ? `/admin/users/${created.id}?notice=created` : '/admin/users?notice=saved');
    }
    await this.renderList(principal, request, reply, kind, { values: formValuesFrom(fields), errors }, 400);
  }

  private async renderList(
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    kind: Kind,
    state: { values: UserFormValues; errors: FieldErrors; notice?: string },
    status = 200,
  ) {
    const title = kind === 'api' ? 'API users' : 'People';
    const frame = this.context.frame(principal, request, reply, kind === 'api' ? 'api-users' : 'users', title);
    const { users } = await this.users.list(principal, ALL_USERS, kind);
    const { defaultRoles, ...choices } = await this.context.choices();
    // A new user starts with the default role, as one who registers does: without a role, every app refuses them.
    const values = { roles: defaultRoles, ...state.values };
    sendPage(reply, usersPage({ frame, kind, users, notice: state.notice, form: { ...choices, values, errors: state.errors } }), status);
  }

  private async renderUser(
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { values: UserFormValues; errors: FieldErrors; notice?: string; apiToken?: { client_id: string; client_secret: string } },
    status = 200,
  ) {
    const user = await this.users.get(principal, id);
    const frame = this.context.frame(principal, request, reply, user.kind === 'api' ? 'api-users' : 'users', user.username);
    const { defaultRoles: _defaults, ...choices } = await this.context.choices();
    sendPage(
      reply,
      userPage({
        frame,
        user,
        notice: state.notice,
        apiToken: state.apiToken,
        isSelf: user.id === principal.userId,
        form: { ...choices, values: state.values, errors: state.errors },
      }),
      status,
    );
  }
}

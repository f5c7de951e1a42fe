import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminRolesService } from '../../admin/roles/admin-roles.service';
import { CreateRoleDto, UpdateRoleDto } from '../../admin/roles/dto/role-fields';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { FieldErrors, fieldErrorsFrom, hasErrors, listOf, textOf, validateForm } from '../forms/field-errors';
import { redirectTo, sendPage } from '../../html/send-page';
import { actorOf, AdminPageContext } from './admin-page-context';
import { rolesPage } from './roles.view';
import { ConsolePage } from '../pages/console-page.decorator';

type FormBody = Record<string, unknown>;
const NOTICES: Record<string, string> = { saved: 'Saved.', deleted: 'The role was deleted.' };

/** `/admin/roles`: roles, their scopes, and the default role. */
@ConsolePage('admin/roles', 'admin')
export class AdminRolesPageController {
  constructor(
    private readonly roles: AdminRolesService,
    private readonly context: AdminPageContext,
  ) {}

  @Get()
  show(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('notice') code?: string,
  ) {
    return this.render(principal, request, reply, { errors: {}, form: {}, notice: NOTICES[code ?? ''] });
  }

  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const form = { name: textOf(body.name), scopes: listOf(body.scopes) };
    const { dto, errors } = await validateForm(CreateRoleDto, form);
    if (!hasErrors(errors) && (await this.attempt(errors, () => this.roles.create(actorOf(principal, request), dto))))
      return redirectTo(reply, '/admin/roles?notice=saved');
    await this.render(principal, request, reply, { errors, form }, 400);
  }

  @Post(':name')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ) {
    const { dto, errors } = await validateForm(UpdateRoleDto, {
      scopes: listOf(body.scopes),
      two_factor_required: body.two_factor_required === 'true',
    });
    if (!hasErrors(errors) && (await this.attempt(errors, () => this.roles.update(actorOf(principal, request), name, dto))))
      return redirectTo(reply, '/admin/roles?notice=saved');
    await this.render(principal, request, reply, { errors, form: {}, errorsFor: name }, 400);
  }

  @Post(':name/default')
  async makeDefault(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.roles.update(actorOf(principal, request), name, { is_default: true });
    redirectTo(reply, '/admin/roles?notice=saved');
  }

  @Post(':name/delete')
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const errors: FieldErrors = {};
    if (await this.attempt(errors, () => this.roles.remove(actorOf(principal, request), name)))
      return redirectTo(reply, '/admin/roles?notice=deleted');
    await this.render(principal, request, reply, { errors, form: {}, errorsFor: name }, 409);
  }

  private async attempt(errors: FieldErrors, action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      Object.assign(errors, fieldErrorsFrom(error, ['name', 'scopes', 'is_default']));
      return false;
    }
  }

  private async render(
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
    state: { errors: FieldErrors; form: { name?: string; scopes?: string[] }; errorsFor?: string; notice?: string },
    status = 200,
  ) {
    const frame = this.context.frame(principal, request, reply, 'roles', 'Roles and scopes');
    sendPage(reply, rolesPage({ frame, roles: await this.roles.list(), ...state }), status);
  }
}

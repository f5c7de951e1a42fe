import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { AdminRolesService } from './admin-roles.service';
import { CreateRoleDto, UpdateRoleDto } from './dto/role-fields';
import { Answers, AnswersList, AnswersNothing } from '../../common/openapi/answers.decorator';
import { ROLE_SCHEMA } from './role.view';

@ApiTags('admin')
@RequireScopes('admin')
@Controller('api/admin/roles')
export class AdminRolesController {
  constructor(private readonly roles: AdminRolesService) {}

  @Get()
  @AnswersList('The roles', ROLE_SCHEMA)
  list() {
    return this.roles.list();
  }

  @Post()
  @Answers(201, 'The new role', ROLE_SCHEMA)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRoleDto) {
    return this.roles.create(actor, dto);
  }

  @Patch(':name')
  @Answers(200, 'The changed role', ROLE_SCHEMA)
  update(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() dto: UpdateRoleDto) {
    return this.roles.update(actor, name, dto);
  }

  @Delete(':name')
  @HttpCode(204)
  @AnswersNothing('Deleted')
  remove(@CurrentActor() actor: Actor, @Param('name') name: string) {
    return this.roles.remove(actor, name);
  }
}

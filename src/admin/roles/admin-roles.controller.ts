import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { Actor, CurrentActor } from '../actor';
import { AdminRolesService } from './admin-roles.service';
import { CreateRoleDto, UpdateRoleDto } from './dto/role-fields';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('api/admin/roles')
export class AdminRolesController {
  constructor(private readonly roles: AdminRolesService) {}

  @Get()
  list() {
    return this.roles.list();
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRoleDto) {
    return this.roles.create(actor, dto);
  }

  @Patch(':name')
  update(@CurrentActor() actor: Actor, @Param('name') name: string, @Body() dto: UpdateRoleDto) {
    return this.roles.update(actor, name, dto);
  }

  @Delete(':name')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('name') name: string) {
    return this.roles.remove(actor, name);
  }
}

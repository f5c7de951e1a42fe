import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { Actor, CurrentActor } from '../actor';
import { AdminIdentityProvidersService } from './admin-identity-providers.service';
import { CreateIdentityProviderDto, UpdateIdentityProviderDto } from './dto/identity-provider-fields';

/** Upstream OpenID Connect providers (issue 15): administrators only. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('api/admin/identity-providers')
export class AdminIdentityProvidersController {
  constructor(private readonly providers: AdminIdentityProvidersService) {}

  @Get()
  list() {
    return this.providers.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.providers.get(id);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIdentityProviderDto) {
    return this.providers.create(actor, dto);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateIdentityProviderDto) {
    return this.providers.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.providers.remove(actor, id);
  }
}

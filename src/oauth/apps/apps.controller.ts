import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { PersonOnly } from '../../auth/decorators/person-only.decorator';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import type { Principal } from '../../auth/principal';
import { AppsFacade } from './apps.facade';
import { CreateAppDto, UpdateAppDto } from './app.dto';
import { PagedList } from '../../common/paging/paged-list.interceptor';
import { ShowsSecretOnce } from '../../common/http/shows-secret-once.decorator';

@ApiTags('apps')
@ApiBearerAuth()
@PersonOnly()
@RequireScopes('account')
@Controller('api/apps')
export class AppsController {
  constructor(private readonly apps: AppsFacade) {}

  @Get()
  @PagedList()
  list(@CurrentPrincipal() principal: Principal) {
    return this.apps.list(principal);
  }

  @Post()
  @ShowsSecretOnce()
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateAppDto) {
    return this.apps.create(principal, dto);
  }

  @Get(':clientId')
  get(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string) {
    return this.apps.get(principal, clientId);
  }

  @Patch(':clientId')
  update(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() dto: UpdateAppDto) {
    return this.apps.update(principal, clientId, dto);
  }

  @Delete(':clientId')
  @HttpCode(204)
  delete(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string) {
    return this.apps.delete(principal, clientId);
  }

  @Post(':clientId/secret')
  @ShowsSecretOnce()
  rotateSecret(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string) {
    return this.apps.rotateSecret(principal, clientId);
  }
}

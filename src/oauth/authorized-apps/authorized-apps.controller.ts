import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { PersonOnly } from '../../auth/decorators/person-only.decorator';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import type { Principal } from '../../auth/principal';
import { AuthorizedAppsService } from './authorized-apps.service';
import { PagedList } from '../../common/paging/paged-list.interceptor';

@ApiTags('grants')
@ApiBearerAuth()
@PersonOnly()
@RequireScopes('account')
@Controller('api/grants')
export class AuthorizedAppsController {
  constructor(private readonly authorized: AuthorizedAppsService) {}

  @Get()
  @PagedList()
  list(@CurrentPrincipal() principal: Principal) {
    return this.authorized.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.authorized.revoke(principal, id);
  }
}

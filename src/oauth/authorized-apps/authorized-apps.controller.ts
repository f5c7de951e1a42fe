import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { PersonOnly } from '../../auth/decorators/person-only.decorator';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import type { Principal } from '../../auth/principal';
import { AuthorizedAppsService } from './authorized-apps.service';
import { PagedList } from '../../common/paging/paged-list.interceptor';
import { AnswersList, AnswersNothing } from '../../common/openapi/answers.decorator';
import { AUTHORIZED_APP_SCHEMA } from './authorized-apps.service';

@ApiTags('grants')
@PersonOnly()
@RequireScopes('account')
@Controller('api/grants')
export class AuthorizedAppsController {
  constructor(private readonly authorized: AuthorizedAppsService) {}

  @Get()
  @PagedList()
  @AnswersList('The applications you authorized', AUTHORIZED_APP_SCHEMA)
  list(@CurrentPrincipal() principal: Principal) {
    return this.authorized.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @AnswersNothing("Withdrawn: the application's tokens are revoked")
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.authorized.revoke(actor, id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { PersonOnly } from '../../auth/decorators/person-only.decorator';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import type { Principal } from '../../auth/principal';
import { AppsFacade } from './apps.facade';
import { CreateAppDto, UpdateAppDto } from './app.dto';
import { PagedList } from '../../common/paging/paged-list.interceptor';
import { ShowsSecretOnce } from '../../common/http/shows-secret-once.decorator';
import { Answers, AnswersList, AnswersNothing } from '../../common/openapi/answers.decorator';
import { APP_SCHEMA } from './app.view';

@ApiTags('apps')
@PersonOnly()
@RequireScopes('account')
@Controller('api/apps')
export class AppsController {
  constructor(private readonly apps: AppsFacade) {}

  @Get()
  @PagedList()
  @AnswersList('Your applications', APP_SCHEMA)
  list(@CurrentPrincipal() principal: Principal) {
    return this.apps.list(principal);
  }

  @Post()
  @ShowsSecretOnce()
  @Answers(201, 'The new application; `client_secret` (confidential apps) is shown this once', APP_SCHEMA)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAppDto) {
    return this.apps.create(actor, dto);
  }

  @Get(':clientId')
  @Answers(200, 'The application', APP_SCHEMA)
  get(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string) {
    return this.apps.get(principal, clientId);
  }

  @Patch(':clientId')
  @Answers(200, 'The changed application', APP_SCHEMA)
  update(@CurrentActor() actor: Actor, @Param('clientId') clientId: string, @Body() dto: UpdateAppDto) {
    return this.apps.update(actor, clientId, dto);
  }

  @Delete(':clientId')
  @HttpCode(204)
  @AnswersNothing('Deleted, with its grants and tokens')
  delete(@CurrentActor() actor: Actor, @Param('clientId') clientId: string) {
    return this.apps.delete(actor, clientId);
  }

  @Post(':clientId/secret')
  @ShowsSecretOnce()
  @Answers(201, 'A new `client_secret`, shown this once; the old one stops working', APP_SCHEMA)
  rotateSecret(@CurrentActor() actor: Actor, @Param('clientId') clientId: string) {
    return this.apps.rotateSecret(actor, clientId);
  }
}

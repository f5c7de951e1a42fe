import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/decorators/current-actor.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { PersonOnly } from '../auth/decorators/person-only.decorator';
import { RequireScopes } from '../auth/decorators/require-scopes.decorator';
import type { Principal } from '../auth/principal';
import { CreateKeyDto } from './dto/create-key.dto';
import { KeysFacade } from './keys.facade';
import { PagedList } from '../common/paging/paged-list.interceptor';
import { ShowsSecretOnce } from '../common/http/shows-secret-once.decorator';
import { Answers, AnswersList, AnswersNothing } from '../common/openapi/answers.decorator';
import { KEY_SCHEMA } from './key.view';

@ApiTags('keys')
@PersonOnly()
@RequireScopes('account')
@Controller('api/keys')
export class KeysController {
  constructor(private readonly keys: KeysFacade) {}

  @Get()
  @PagedList()
  @AnswersList('Your API keys and personal access tokens', KEY_SCHEMA)
  list(@CurrentPrincipal() principal: Principal) {
    return this.keys.list(principal);
  }

  @Post()
  @ShowsSecretOnce()
  @Answers(201, 'The new key; `key` is shown this once', KEY_SCHEMA)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateKeyDto) {
    return this.keys.create(actor, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @AnswersNothing('Revoked')
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.keys.revoke(actor, id);
  }
}

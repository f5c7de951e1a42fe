import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Answers, AnswersNothing } from '../../common/openapi/answers.decorator';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { AdminIdentityProvidersService } from './admin-identity-providers.service';
import { CreateIdentityProviderDto, UpdateIdentityProviderDto } from './dto/identity-provider-fields';
import { IDENTITY_PROVIDER_SCHEMA } from './identity-provider.view';

/** Upstream OpenID Connect providers (issue 15): administrators only. */
@ApiTags('admin')
@RequireScopes('admin')
@Controller('api/admin/identity-providers')
export class AdminIdentityProvidersController {
  constructor(private readonly providers: AdminIdentityProvidersService) {}

  @Get()
  @Answers(200, 'The identity providers (never their client secrets)', { type: 'array', items: IDENTITY_PROVIDER_SCHEMA })
  list() {
    return this.providers.list();
  }

  @Get(':id')
  @Answers(200, 'The identity provider', IDENTITY_PROVIDER_SCHEMA)
  get(@Param('id') id: string) {
    return this.providers.get(id);
  }

  @Post()
  @Answers(201, 'The new identity provider, with the redirect URI to register at it', IDENTITY_PROVIDER_SCHEMA)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIdentityProviderDto) {
    return this.providers.create(actor, dto);
  }

  @Patch(':id')
  @Answers(200, 'The changed identity provider', IDENTITY_PROVIDER_SCHEMA)
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateIdentityProviderDto) {
    return this.providers.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @AnswersNothing('Deleted, with its account links (the accounts stay)')
  remove(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.providers.remove(actor, id);
  }
}

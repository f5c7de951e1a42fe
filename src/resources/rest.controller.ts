import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { OptionalAuth } from '../auth/decorators/optional-auth.decorator';
import { RequireScopes } from '../auth/decorators/require-scopes.decorator';
import type { Principal } from '../auth/principal';
import { RateLimit } from '../limits/rate-limit.decorator';
import type { RawQuery } from './odata/query-options';
import { RestMount } from './rest.mount';
import {
  AnswersEntity,
  AnswersNoContent,
  AnswersNotAllowed,
  AnswersRestPage,
  ConditionalOn,
  EntityBody,
  QueryOptionParameters,
  RestPath,
} from './resources.openapi';

/** dRofus-style REST mount; see docs/resources.md. */
@ApiTags('resources (REST)')
@RateLimit('api')
@Controller('api/database/:db')
export class RestController {
  constructor(private readonly rest: RestMount) {}

  @Get(':set')
  @OptionalAuth()
  @ApiOperation({ summary: 'A page of an entity set as a JSON array, with a Link header' })
  @RestPath(false)
  @QueryOptionParameters()
  @AnswersRestPage()
  list(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('db') db: string,
    @Param('set') set: string,
    @Query() query: RawQuery,
    @Headers('prefer') prefer: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.rest.list(principal, db, set, query, reply, prefer);
  }

  @Get(':set/:id')
  @OptionalAuth()
  @ApiOperation({ summary: 'One entity by key' })
  @RestPath(true)
  @ConditionalOn('If-None-Match')
  @AnswersEntity(200, false)
  get(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('db') db: string,
    @Param('set') set: string,
    @Param('id') id: string,
    @Query() query: RawQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.rest.get(principal, db, set, id, query, ifNoneMatch, reply);
  }

  @Post(':set')
  @RequireScopes('write')
  @ApiOperation({ summary: 'Create an entity (scope write, write access)' })
  @RestPath(false)
  @EntityBody()
  @AnswersEntity(201, false)
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('db') db: string,
    @Param('set') set: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    return this.rest.create(principal, db, set, body, reply);
  }

  @Patch(':set/:id')
  @RequireScopes('write')
  @ApiOperation({ summary: 'Change fields of an entity (scope write, write access)' })
  @RestPath(true)
  @EntityBody()
  @ConditionalOn('If-Match')
  @AnswersEntity(200, false)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('db') db: string,
    @Param('set') set: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.rest.update(principal, db, set, id, body, ifMatch, reply);
  }

  @Put(':set/:id')
  @OptionalAuth()
  @ApiOperation({ summary: 'Not supported: 405 with Allow (change fields with PATCH)' })
  @RestPath(true)
  @AnswersNotAllowed()
  replace() {
    return this.rest.replace();
  }

  @Delete(':set/:id')
  @RequireScopes('write')
  @ApiOperation({ summary: 'Delete an entity (scope write, write access)' })
  @RestPath(true)
  @ConditionalOn('If-Match')
  @AnswersNoContent('Deleted')
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('db') db: string,
    @Param('set') set: string,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.rest.delete(principal, db, set, id, ifMatch, reply);
  }
}

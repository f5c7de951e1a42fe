import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { OptionalAuth } from '../auth/decorators/optional-auth.decorator';
import { RequireScopes } from '../auth/decorators/require-scopes.decorator';
import type { Principal } from '../auth/principal';
import { RateLimit } from '../limits/rate-limit.decorator';
import { ODataMount } from './odata.mount';
import {
  AnswersEntity,
  AnswersNoContent,
  AnswersNotAllowed,
  AnswersODataRead,
  AnswersServiceDocument,
  ConditionalOn,
  EntityBody,
  ODataPath,
  QueryOptionParameters,
  WildcardPath,
} from './resources.openapi';

/**
 * OData v4 mount (docs/resources.md). OData addresses entities as `rooms(42)` and `rooms/$count`, so one
 * wildcard route per method hands the rest of the path to the mount, which parses it.
 */
@ApiTags('resources (OData v4)')
@RateLimit('api')
@Controller('odata/:db')
export class ODataController {
  constructor(private readonly odata: ODataMount) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({ summary: 'The service document' })
  @ApiParam({ name: 'db', example: '01' })
  @AnswersServiceDocument()
  service(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('db') db: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.odata.read(principal, db, '', request, reply);
  }

  @Get('*')
  @OptionalAuth()
  @ApiOperation({ summary: '$metadata, <set>, <set>(<key>), <set>/$count' })
  @ODataPath()
  @QueryOptionParameters()
  @ConditionalOn('If-None-Match')
  @AnswersODataRead()
  read(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('db') db: string,
    @WildcardPath() path: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.odata.read(principal, db, path, request, reply);
  }

  @Post('*')
  @RequireScopes('write')
  @ApiOperation({ summary: 'Create an entity in <set>' })
  @ODataPath()
  @EntityBody()
  @AnswersEntity(201, true)
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('db') db: string,
    @WildcardPath() path: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    return this.odata.create(principal, db, path, body, reply);
  }

  @Patch('*')
  @RequireScopes('write')
  @ApiOperation({ summary: 'Change fields of <set>(<key>)' })
  @ODataPath()
  @EntityBody()
  @ConditionalOn('If-Match')
  @AnswersNoContent('Changed')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('db') db: string,
    @WildcardPath() path: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.odata.update(principal, db, path, body, ifMatch, reply);
  }

  @Put('*')
  @OptionalAuth()
  @ApiOperation({ summary: 'Not supported: 405 with Allow (change fields with PATCH)' })
  @ODataPath()
  @AnswersNotAllowed()
  replace() {
    return this.odata.replace();
  }

  @Delete('*')
  @RequireScopes('write')
  @ApiOperation({ summary: 'Delete <set>(<key>)' })
  @ODataPath()
  @ConditionalOn('If-Match')
  @AnswersNoContent('Deleted')
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('db') db: string,
    @WildcardPath() path: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.odata.delete(principal, db, path, ifMatch, reply);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { pageOf, setPagingHeaders } from '../../common/paging/paging';
import { AdminUsersService } from './admin-users.service';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { ShowsSecretOnce } from '../../common/http/shows-secret-once.decorator';
import { Answers, AnswersList, AnswersNothing } from '../../common/openapi/answers.decorator';
import { API_TOKEN_SCHEMA, USER_SCHEMA } from './user.view';

@ApiTags('admin')
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsersService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Users, by username; needs admin (or api-users:view for API users only)' })
  @AnswersList('Users, by username', USER_SCHEMA)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListUsersQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = pageOf(query);
    const { users, total } = await this.users.list(principal, page, query.kind);
    setPagingHeaders(request, reply, this.config.issuer, page, total, query);
    return users;
  }

  @Get(':id')
  @Answers(200, 'The user', USER_SCHEMA)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.users.get(principal, id);
  }

  @Post()
  @Answers(201, 'The new user', USER_SCHEMA)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @Answers(200, 'The changed user', USER_SCHEMA)
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @AnswersNothing('Deleted')
  remove(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.users.remove(actor, id);
  }

  @Post(':id/api-token')
  @ShowsSecretOnce()
  @Answers(201, 'The API token, shown once', API_TOKEN_SCHEMA)
  @ApiOperation({ summary: "Generate an API user's API token: { client_id, client_secret }, shown once" })
  issueApiToken(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.users.issueApiToken(actor, id);
  }
}

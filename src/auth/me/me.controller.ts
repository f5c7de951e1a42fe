import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../decorators/current-principal.decorator';
import { PersonOnly } from '../decorators/person-only.decorator';
import { RequireScopes } from '../decorators/require-scopes.decorator';
import type { Principal } from '../principal';
import { ChangePasswordDto } from './change-password.dto';
import { MeService } from './me.service';
import { Answers, AnswersNothing } from '../../common/openapi/answers.decorator';
import { RateLimit } from '../../limits/rate-limit.decorator';
import { ME_SCHEMA } from './me.service';

@ApiTags('account')
@Controller('api/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @Answers(200, 'Who the credential acts for, and what it may do', ME_SCHEMA)
  show(@CurrentPrincipal() principal: Principal) {
    return this.me.describe(principal);
  }

  /** Self-service password change: the current password, then the new one (ends every other session, grant and PAT). */
  @Post('password')
  @RateLimit('login')
  @HttpCode(204)
  @AnswersNothing('Changed; every other session, grant and personal token of the person ends')
  @PersonOnly()
  @RequireScopes('account')
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto, @Req() request: FastifyRequest) {
    return this.me.changePassword(principal, dto, request.ip);
  }
}

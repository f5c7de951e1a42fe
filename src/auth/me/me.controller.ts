import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../decorators/current-principal.decorator';
import { PersonOnly } from '../decorators/person-only.decorator';
import { RequireScopes } from '../decorators/require-scopes.decorator';
import type { Principal } from '../principal';
import { ChangePasswordDto } from './change-password.dto';
import { MeService } from './me.service';

@ApiTags('account')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  show(@CurrentPrincipal() principal: Principal) {
    return this.me.describe(principal);
  }

  /** Self-service password change: the current password, then the new one (ends every other session, grant and PAT). */
  @Post('password')
  @HttpCode(204)
  @PersonOnly()
  @RequireScopes('account')
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto, @Req() request: FastifyRequest) {
    return this.me.changePassword(principal, dto, request.ip);
  }
}

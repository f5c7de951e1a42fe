import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { Answers, AnswersNothing } from '../../common/openapi/answers.decorator';
import { AdminUserSessionsService, PERSON_SIGN_INS_SCHEMA } from './admin-user-sessions.service';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScopes('admin')
@Controller('api/admin/users/:id')
export class AdminUserSessionsController {
  constructor(private readonly sessions: AdminUserSessionsService) {}

  @Get('sessions')
  @Answers(200, 'Sessions, applications and second factor', PERSON_SIGN_INS_SCHEMA)
  @ApiOperation({ summary: "A person's browser sessions, authorized applications and two-factor status" })
  overview(@Param('id') id: string) {
    return this.sessions.overview(id);
  }

  @Post('sign-out-everywhere')
  @HttpCode(204)
  @AnswersNothing('Signed out everywhere')
  @ApiOperation({ summary: 'Ends every session of the person and revokes every grant and token acting for them' })
  signOutEverywhere(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.sessions.signOutEverywhere(actor, id);
  }

  @Delete('two-factor')
  @HttpCode(204)
  @AnswersNothing('The second factor is removed')
  @ApiOperation({ summary: "Removes the person's TOTP and recovery codes (a lost phone)" })
  resetTwoFactor(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.sessions.resetTwoFactor(actor, id);
  }
}

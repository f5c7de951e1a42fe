import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/decorators/current-actor.decorator';
import { AdminAppsService } from './admin-apps.service';
import { UpdateAdminAppDto } from './dto/update-admin-app.dto';
import { Answers } from '../../common/openapi/answers.decorator';
import { ADMIN_APP_SCHEMA } from './admin-app.view';

@ApiTags('admin')
@RequireScopes('admin')
@Controller('api/admin/apps')
export class AdminAppsController {
  constructor(private readonly apps: AdminAppsService) {}

  @Patch(':clientId')
  @ApiOperation({ summary: "Mark an application as a resource server that may introspect every client's access tokens" })
  @Answers(200, 'The application as administrators see it', ADMIN_APP_SCHEMA)
  update(@CurrentActor() actor: Actor, @Param('clientId') clientId: string, @Body() dto: UpdateAdminAppDto) {
    return this.apps.update(actor, clientId, dto);
  }
}

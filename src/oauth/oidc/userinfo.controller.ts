import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AcceptsForms } from '../../auth/decorators/accepts-forms.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { PersonOnly } from '../../auth/decorators/person-only.decorator';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import type { Principal } from '../../auth/principal';
import { UserinfoService } from './userinfo.service';
import { Answers } from '../../common/openapi/answers.decorator';
import { USERINFO_SCHEMA } from './userinfo.service';

/** OpenID Connect Core §5.3: the person behind an access token with scope `openid`. */
@ApiTags('oauth2')
@PersonOnly()
@AcceptsForms()
@RequireScopes('openid')
@Controller('oauth2/userinfo')
export class UserinfoController {
  constructor(private readonly userinfo: UserinfoService) {}

  @Get()
  @Answers(200, 'Claims about the person (OpenID Connect Core §5.3.2)', USERINFO_SCHEMA)
  @Header('Cache-Control', 'no-store')
  get(@CurrentPrincipal() principal: Principal) {
    return this.userinfo.describe(principal);
  }

  @Post()
  @HttpCode(200)
  @Answers(200, 'Claims about the person (OpenID Connect Core §5.3.2)', USERINFO_SCHEMA)
  @Header('Cache-Control', 'no-store')
  post(@CurrentPrincipal() principal: Principal) {
    return this.userinfo.describe(principal);
  }
}

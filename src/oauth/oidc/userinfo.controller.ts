import { Controller, Get, Header, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AcceptsForms } from '../../auth/decorators/accepts-forms.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { PersonOnly } from '../../auth/decorators/person-only.decorator';
import { RequireScopes } from '../../auth/decorators/require-scopes.decorator';
import type { Principal } from '../../auth/principal';
import { UserinfoService } from './userinfo.service';

/** OpenID Connect Core §5.3: the person behind an access token with scope `openid`. */
@ApiTags('oauth2')
@ApiBearerAuth()
@PersonOnly()
@AcceptsForms()
@RequireScopes('openid')
@Controller('oauth2/userinfo')
export class UserinfoController {
  constructor(private readonly userinfo: UserinfoService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  get(@CurrentPrincipal() principal: Principal) {
    return this.userinfo.describe(principal);
  }

  @Post()
  @Header('Cache-Control', 'no-store')
  post(@CurrentPrincipal() principal: Principal) {
    return this.userinfo.describe(principal);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
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
}

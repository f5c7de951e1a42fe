import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/decorators/public.decorator';
import { shutdownState } from '../common/lifecycle/shutdown-state';
import { ServiceUnavailable } from '../common/errors/api-error';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthCheckService, private readonly database: TypeOrmHealthIndicator) {}

  /** Liveness: the process answers. */
  @Public()
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers within a second, and the instance is not shutting down. */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    if (shutdownState.closing) throw new ServiceUnavailable('Tessera is shutting down');
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1000 })]);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/decorators/public.decorator';
import { shutdownState } from '../common/lifecycle/shutdown-state';
import { ServiceUnavailable } from '../common/errors/api-error';
import { RedisHealthIndicator } from './redis.health';
import { Answers } from '../common/openapi/answers.decorator';
import { LIVENESS_SCHEMA, READINESS_SCHEMA } from './health.schema';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Public()
  @Get()
  @Answers(200, 'The process answers', LIVENESS_SCHEMA)
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database (and Redis, when REDIS_URL is set) answers within a second, and the instance is not shutting down. */
  @Public()
  @Get('ready')
  @HealthCheck()
  @Answers(200, 'Ready', READINESS_SCHEMA)
  async ready() {
    if (shutdownState.closing) throw new ServiceUnavailable('Tessera is shutting down');
    const database = () => this.database.pingCheck('database', { timeout: 1000 });
    try {
      return await this.health.check(this.redis.configured ? [database, () => this.redis.check()] : [database]);
    } catch (error) {
      throw new ServiceUnavailable(`Not ready: ${downOf(error)}`);
    }
  }
}

/** "redis (connect ECONNREFUSED …)" from terminus's 503: which dependency is down, and why. */
function downOf(error: unknown): string {
  const result = (error as { getResponse?: () => unknown }).getResponse?.() as { error?: Record<string, { message?: string }> } | undefined;
  const down = Object.entries(result?.error ?? {}).map(([name, detail]) => (detail.message ? `${name} (${detail.message})` : name));
  return down.length > 0 ? `${down.join(', ')} down` : 'a dependency is down';
}

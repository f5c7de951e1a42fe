import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators/public.decorator';
import { RateLimit } from '../limits/rate-limit.decorator';
import { IntrospectionEndpoint } from './introspection.endpoint';
import { RevocationEndpoint } from './revocation.endpoint';
import { Answers } from '../common/openapi/answers.decorator';
import { INTROSPECTION_SCHEMA } from './introspection.endpoint';
import { TokenHintForm } from './oauth.openapi';
import { REVOCATION_SCHEMA } from './revocation.endpoint';

@ApiTags('oauth2')
@Public()
// Both check client secrets: they share the token endpoint's budget (docs/security.md).
@RateLimit('token')
@Controller('oauth2')
export class RevocationController {
  constructor(
    private readonly revocation: RevocationEndpoint,
    private readonly introspection: IntrospectionEndpoint,
  ) {}

  /** RFC 7009; `/oauth2/revoke_token` is the DAS path. */
  @Post(['revoke', 'revoke_token'])
  @TokenHintForm()
  @Answers(200, 'Revoked, or nothing to revoke (RFC 7009 §2.2)', REVOCATION_SCHEMA)
  @ApiOperation({ summary: "Token revocation (RFC 7009); also netrex's access_token=… form" })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  revoke(@Req() request: FastifyRequest) {
    return this.revocation.revoke(request);
  }

  /** RFC 7662. */
  @Post('introspect')
  @TokenHintForm()
  @Answers(200, 'Whether the token is active, and its claims', INTROSPECTION_SCHEMA)
  @ApiOperation({ summary: 'Token introspection (RFC 7662), for confidential clients' })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  introspect(@Req() request: FastifyRequest) {
    return this.introspection.introspect(request);
  }
}

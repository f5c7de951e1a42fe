import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-http-bearer';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier } from '../credentials/access-token.verifier';
import { API_KEY_VERIFIER, ApiKeyVerifier } from '../credentials/api-key.verifier';

/**
 * `Authorization: Bearer <JWT | personal access token>` (RFC 6750 §2.1). Both verifiers are
 * injected: a start without either fails, rather than answering 401 to every token.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(
    @Inject(API_KEY_VERIFIER) private readonly keys: ApiKeyVerifier,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly tokens: AccessTokenVerifier,
  ) {
    super({ passReqToCallback: true, realm: 'Tessera' });
  }

  async validate(_request: FastifyRequest, token: string) {
    if (this.keys.recognises(token)) return (await this.keys.authenticate(token, 'bearer')) ?? false;
    return (await this.tokens.verify(token)) ?? false;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-http-bearer';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier } from '../credentials/access-token.verifier';
import { API_KEY_VERIFIER, ApiKeyVerifier } from '../credentials/api-key.verifier';
import { bearerView } from './bearer-token-places';

/** What passport adds to the strategy for the attempt (passport-http-bearer's types leave it out). */
interface PassportActions {
  error(error: Error): void;
}

/**
 * `Authorization: Bearer <JWT | personal access token>` (RFC 6750 §2.1), or `access_token` in a
 * form body (§2.2); never the query (F18, `bearer-token-places.ts`). Both verifiers are
 * injected: a start without either fails, rather than answering 401 to every token.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(
    @Inject(API_KEY_VERIFIER) private readonly keys: ApiKeyVerifier,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly tokens: AccessTokenVerifier,
  ) {
    super({ realm: 'Tessera' });
  }

  /** passport-http-bearer reads the header, the body and the query: it is handed only what Tessera accepts. */
  authenticate(request: Parameters<InstanceType<typeof Strategy>['authenticate']>[0], options?: object): void {
    let view: ReturnType<typeof bearerView>;
    try {
      view = bearerView(request as unknown as FastifyRequest);
    } catch (error) {
      return (this as unknown as PassportActions).error(error as Error);
    }
    super.authenticate(view as typeof request, options);
  }

  async validate(token: string) {
    if (this.keys.recognises(token)) return (await this.keys.authenticate(token, 'bearer')) ?? false;
    return (await this.tokens.verify(token)) ?? false;
  }
}

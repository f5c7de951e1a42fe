import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-http-bearer';
import { ApiKeyAuthenticator, looksLikeApiKey } from '../../keys/api-key.authenticator';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier } from '../access-token.verifier';

/** `Authorization: Bearer <JWT | personal access token>` (RFC 6750 §2.1). */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') implements OnModuleInit {
  private verifier: AccessTokenVerifier | null = null;

  constructor(private readonly keys: ApiKeyAuthenticator, private readonly moduleRef: ModuleRef) {
    super({ passReqToCallback: true, realm: 'Tessera' });
  }

  onModuleInit(): void {
    try {
      this.verifier = this.moduleRef.get<AccessTokenVerifier>(ACCESS_TOKEN_VERIFIER, { strict: false });
    } catch {
      this.verifier = null;
    }
  }

  async validate(_request: FastifyRequest, token: string) {
    if (looksLikeApiKey(token)) return (await this.keys.authenticate(token, 'bearer')) ?? false;
    return (await this.verifier?.verify(token)) ?? false;
  }
}

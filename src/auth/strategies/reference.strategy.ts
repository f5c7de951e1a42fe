import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { API_KEY_VERIFIER, ApiKeyVerifier } from '../credentials/api-key.verifier';
import { authorizationCredentials, CredentialStrategy } from './credential.strategy';

class ReferenceCredentialStrategy extends CredentialStrategy {
  protected extract(request: FastifyRequest): string | null {
    return authorizationCredentials(request, 'reference');
  }
}

/** `Authorization: Reference <key>`: the API-key header form Power Query's custom connectors send. */
@Injectable()
export class ReferenceStrategy extends PassportStrategy(ReferenceCredentialStrategy, 'reference') {
  constructor(@Inject(API_KEY_VERIFIER) private readonly keys: ApiKeyVerifier) {
    super();
  }

  async validate(_request: FastifyRequest, key: string) {
    return (await this.keys.authenticate(key, 'basic-or-reference')) ?? false;
  }
}

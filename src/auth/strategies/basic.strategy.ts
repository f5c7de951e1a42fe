import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { decodeBasicCredentials, keyFromBasic } from '../../common/basic-credentials';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { API_KEY_VERIFIER, ApiKeyVerifier } from '../credentials/api-key.verifier';
import { PasswordSignIn } from '../two-factor/password-sign-in';
import { PrincipalFactory } from '../principal.factory';
import { authorizationCredentials, CredentialStrategy } from './credential.strategy';

class BasicCredentialStrategy extends CredentialStrategy {
  protected extract(request: FastifyRequest): string | null {
    return authorizationCredentials(request, 'basic');
  }
}

/**
 * HTTP Basic on the resource API. RFC 7617 §2: the user-id ends at the first colon.
 * API keys: `:key` (the dRofus form), `apikey:key`, `key:`. A person's `username:password`: read-only,
 * and only with ALLOW_BASIC_PASSWORD=true.
 */
@Injectable()
export class BasicStrategy extends PassportStrategy(BasicCredentialStrategy, 'basic') {
  constructor(
    @Inject(API_KEY_VERIFIER) private readonly keys: ApiKeyVerifier,
    private readonly signIns: PasswordSignIn,
    private readonly principals: PrincipalFactory,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {
    super();
  }

  async validate(request: FastifyRequest, encoded: string) {
    const credentials = decodeBasicCredentials(encoded);
    if (!credentials) return false;
    const { userId, password } = credentials;
    const key = keyFromBasic(credentials);
    if (key) return (await this.keys.authenticate(key, 'basic-or-reference')) ?? false;
    if (!this.config.allowBasicPassword || !userId || !password) return false;
    // Basic cannot carry a second-factor code: a person who signs in with two factors is refused here.
    const { user } = await this.signIns.signIn(userId, password, undefined, { ip: request.ip, channel: 'basic' });
    if (!user) return false;
    return this.principals.forUser(user.id, { kind: 'user', scopes: ['read'], readOnly: true, credentialId: null }).then((p) => p ?? false);
  }
}

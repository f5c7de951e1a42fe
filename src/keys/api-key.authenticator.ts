import { Injectable } from '@nestjs/common';
import type { ApiKeyVerifier, KeyPresentation } from '../auth/credentials/api-key.verifier';
import type { Principal } from '../auth/principal';
import { PrincipalFactory } from '../auth/principal.factory';
import { KeysService } from './keys.service';

const KEY_PATTERN = /^(tsk|tpat)_[A-Za-z0-9_-]{43}$/;

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/**
 * Resolves an API key or personal access token to its Principal. An API key is
 * read-only however it is sent; anything sent as Basic or `Reference` is read-only too, so a
 * personal access token can write only as a Bearer token (F17).
 */
@Injectable()
export class ApiKeyAuthenticator implements ApiKeyVerifier {
  constructor(
    private readonly keys: KeysService,
    private readonly principals: PrincipalFactory,
  ) {}

  recognises(value: string): boolean {
    return looksLikeApiKey(value);
  }

  async authenticate(presented: string, presentation: KeyPresentation): Promise<Principal | null> {
    if (!looksLikeApiKey(presented)) return null;
    const key = await this.keys.findUsable(presented);
    if (!key) return null;
    const apiKey = key.kind === 'api_key';
    return this.principals.forUser(key.userId, {
      kind: apiKey ? 'api-key' : 'user',
      scopes: key.scopes,
      readOnly: apiKey || presentation === 'basic-or-reference',
      credentialId: key.id,
    });
  }
}

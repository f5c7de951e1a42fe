import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { PrincipalFactory } from '../auth/principal.factory';
import { KeysService } from './keys.service';

const KEY_PATTERN = /^(tsk|tpat)_[A-Za-z0-9_-]{43}$/;

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** Resolves an API key or personal access token to its Principal (DESIGN §3, §6). */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(private readonly keys: KeysService, private readonly principals: PrincipalFactory) {}

  async authenticate(presented: string): Promise<Principal | null> {
    if (!looksLikeApiKey(presented)) return null;
    const key = await this.keys.findUsable(presented);
    if (!key) return null;
    const apiKey = key.kind === 'api_key';
    return this.principals.forUser(key.userId, {
      kind: apiKey ? 'api-key' : 'user',
      scopes: key.scopes,
      readOnly: apiKey,
      credentialId: key.id,
    });
  }
}

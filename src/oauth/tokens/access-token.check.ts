import { Injectable } from '@nestjs/common';
import { PrincipalFactory } from '../../auth/principal.factory';
import type { Authority } from '../../users/authority';
import { AccessToken } from '../entities/access-token.entity';
import { AccessTokenClaims, AccessTokensService } from './access-tokens.service';

/** What the one check says about a presented access token. */
export type AccessTokenVerdict =
  | {
      readonly usable: true;
      readonly claims: AccessTokenClaims;
      readonly row: AccessToken;
      readonly owner: Authority;
      /** A client acting for itself (client credentials): `sub` is the client, not a person. */
      readonly actsAsClient: boolean;
    }
  /** `row`: the token is one Tessera issued (revocation may still act on it), else null. */
  | { readonly usable: false; readonly row: AccessToken | null };

const FORGED: AccessTokenVerdict = { usable: false, row: null };

/**
 * The one answer to "may this access token be used now" (issue 11, rule 3), asked by the Bearer
 * verifier, introspection, revocation and the Bearer authorization path: signature, `typ`, `alg`,
 * `iss`, `aud`, `exp` and `kid`; its row and its grant not revoked; its owner's current rights
 * (the cached ones, PrincipalFactory) not disabled.
 */
@Injectable()
export class AccessTokenCheck {
  constructor(
    private readonly tokens: AccessTokensService,
    private readonly principals: PrincipalFactory,
  ) {}

  async check(token: string): Promise<AccessTokenVerdict> {
    const claims = await this.tokens.verifySignature(token);
    if (!claims) return FORGED;
    const row = await this.tokens.findActive(claims.jti);
    if (!row) return { usable: false, row: await this.tokens.findByJti(claims.jti) };
    const owner = row.userId ? await this.principals.authorityOf(row.userId) : null;
    if (!owner || owner.disabled) return { usable: false, row };
    return { usable: true, claims, row, owner, actsAsClient: claims.sub === claims.client_id };
  }
}

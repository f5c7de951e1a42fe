import { Injectable } from '@nestjs/common';
import { PrincipalFactory } from '../../auth/principal.factory';
import type { Authority } from '../../users/authority';
import { AccessTokenClaims, AccessTokensService } from './access-tokens.service';
import { RevocationFeed } from './revocation-feed.service';
import type { TokenFacts } from './revocation-state';
import { issuedAtMsOf } from './token-id';

/** What revocation needs to know of a token Tessera issued (its claims; no row). */
export interface AccessTokenFacts extends TokenFacts {
  readonly expiresAtMs: number;
}

/** What the one check says about a presented access token. */
export type AccessTokenVerdict =
  | {
      readonly usable: true;
      readonly claims: AccessTokenClaims;
      readonly token: AccessTokenFacts;
      readonly owner: Authority;
      /** A client acting for itself (client credentials): `sub` is the client, not a person. */
      readonly actsAsClient: boolean;
    }
  /** `token`: one Tessera issued (signature valid: revocation may still act on it), else null. */
  | { readonly usable: false; readonly token: AccessTokenFacts | null };

const FORGED: AccessTokenVerdict = { usable: false, token: null };

/**
 * The one answer to "may this access token be used now" (issue 11, rule 3), asked by the Bearer
 * verifier, introspection, revocation and the Bearer authorization path: signature, `typ`, `alg`,
 * `iss`, `aud`, `exp` and `kid`; not refused by a revocation this instance holds (its `jti`, its
 * grant, its client's or owner's not-before time), and those known to be current (issue 16: no
 * row is read; fail closed when the feed is stale); its owner's current rights (the cached ones,
 * PrincipalFactory) not disabled. A token issued before issue 16 (no UUIDv7 `jti`) is checked by its row.
 */
@Injectable()
export class AccessTokenCheck {
  constructor(
    private readonly tokens: AccessTokensService,
    private readonly feed: RevocationFeed,
    private readonly principals: PrincipalFactory,
  ) {}

  async check(presented: string): Promise<AccessTokenVerdict> {
    const claims = await this.tokens.verifySignature(presented);
    if (!claims) return FORGED;
    const issuedAtMs = issuedAtMsOf(claims.jti);
    const token = issuedAtMs === null ? await this.legacyFacts(claims) : factsOf(claims, issuedAtMs);
    if (!token || !(await this.feed.isCurrent()) || this.feed.refuses(token)) return { usable: false, token };
    const owner = await this.principals.authorityOf(token.ownerId);
    if (!owner || owner.disabled) return { usable: false, token };
    return { usable: true, claims, token, owner, actsAsClient: claims.sub === claims.client_id };
  }

  /** A token from before issue 16 counts while its row and grant are not revoked. */
  private async legacyFacts(claims: AccessTokenClaims): Promise<AccessTokenFacts | null> {
    const row = await this.tokens.findActive(claims.jti);
    if (!row?.userId) return null;
    return { ...factsOf(claims, row.createdAt.getTime()), grantId: row.grantId, ownerId: row.userId };
  }
}

function factsOf(claims: AccessTokenClaims, issuedAtMs: number): AccessTokenFacts {
  return {
    jti: claims.jti,
    grantId: claims.gid ?? null,
    clientId: claims.client_id,
    ownerId: claims.uid ?? claims.sub,
    issuedAtMs,
    expiresAtMs: claims.exp * 1000,
  };
}

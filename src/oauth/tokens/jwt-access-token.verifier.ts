import { Injectable } from '@nestjs/common';
import { ServiceUnavailable } from '../../common/errors/api-error';
import type { AccessTokenVerifier } from '../../auth/credentials/access-token.verifier';
import type { Principal } from '../../auth/principal';
import { PrincipalFactory } from '../../auth/principal.factory';
import { AccessTokenCheck } from './access-token.check';
import { RevocationFeed } from './revocation-feed.service';

interface VerifiedToken {
  jti: string;
  grantId: string | null;
  userId: string;
  clientId: string;
  actsAsClient: boolean;
  scopes: string[];
  expiresAtMs: number;
}

const MAX_CACHED = 10_000;

/**
 * `Authorization: Bearer <JWT>` (the ACCESS_TOKEN_VERIFIER the bearer strategy uses). The
 * token is checked once (AccessTokenCheck, the one check introspection and revocation use too) and cached; the cache is emptied on
 * every revocation of a grant, client or user, and loses a single token's entries when that token is revoked (here at once,
 * elsewhere within a second via the RevocationFeed), and an entry
 * made from a check that raced a revocation is not kept. The owner's rights come from
 * PrincipalFactory (at most 0.5 s old, dropped at once by a change on this instance), so a disabled
 * user's tokens stop from the next request.
 */
@Injectable()
export class JwtAccessTokenVerifier implements AccessTokenVerifier {
  private cache = new Map<string, VerifiedToken>();
  private generation = 0;

  constructor(
    private readonly tokens: AccessTokenCheck,
    private readonly principals: PrincipalFactory,
    private readonly feed: RevocationFeed,
  ) {
    feed.onRevocation((fact) => (fact.kind === 'jti' ? this.forgetToken(fact.ref) : this.forgetAll()));
  }

  async verify(token: string): Promise<Principal | null> {
    const verified = await this.verifiedToken(token);
    if (!verified) return null;
    return this.principals.forUser(verified.userId, {
      kind: verified.actsAsClient ? 'client' : 'user',
      scopes: verified.scopes,
      readOnly: false,
      clientId: verified.clientId,
      credentialId: verified.jti,
      grantId: verified.grantId,
    });
  }

  forgetAll(): void {
    this.generation++;
    this.cache = new Map();
  }

  /** One token revoked: its entries go, the other tokens' stay; a check in flight is not kept (it may predate the revocation). */
  private forgetToken(jti: string): void {
    this.generation++;
    for (const [token, verified] of this.cache) if (verified.jti === jti) this.cache.delete(token);
  }

  private async verifiedToken(token: string): Promise<VerifiedToken | null> {
    // Fail closed: no token is accepted while this instance's revocations are not known to be
    // current (issue 16). 503 + Retry-After, as for a lost database: the token may well be good.
    if (!(await this.feed.isCurrent())) throw new ServiceUnavailable('Revocations cannot be checked right now; retry shortly');
    const cached = this.cache.get(token);
    if (cached) {
      if (cached.expiresAtMs > Date.now()) return cached;
      this.cache.delete(token);
    }
    const generation = this.generation;
    const verified = await this.check(token);
    if (verified && generation === this.generation) {
      if (this.cache.size >= MAX_CACHED) this.cache = new Map();
      this.cache.set(token, verified);
    }
    return verified;
  }

  private async check(token: string): Promise<VerifiedToken | null> {
    const verdict = await this.tokens.check(token);
    if (!verdict.usable) return null;
    const { claims, owner } = verdict;
    return {
      jti: claims.jti,
      grantId: verdict.token.grantId,
      userId: owner.userId,
      clientId: claims.client_id,
      actsAsClient: verdict.actsAsClient,
      scopes: claims.scope ? claims.scope.split(' ') : [],
      expiresAtMs: claims.exp * 1000,
    };
  }
}

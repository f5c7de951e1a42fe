import { Injectable } from '@nestjs/common';
import { PrincipalFactory } from '../../auth/principal.factory';
import type { Authority } from '../../users/authority';
import { Grant } from '../entities/grant.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { RefreshTokensService } from './refresh-tokens.service';

/** What the one check says about a presented refresh token. */
export type RefreshTokenVerdict =
  | { readonly kind: 'usable'; readonly token: RefreshToken; readonly grant: Grant; readonly owner: Authority }
  /** Already exchanged for a successor: presenting it again is what reuse detection looks at. */
  | { readonly kind: 'rotated'; readonly token: RefreshToken }
  /** `token`: one Tessera issued (revocation may still act on it), else null; `reason` is safe to show. */
  | { readonly kind: 'unusable'; readonly token: RefreshToken | null; readonly reason: string };

/**
 * The one answer to "may this refresh token be used now" (issue 11, rule 3), asked by the refresh
 * grant, introspection and revocation: known, its grant active, its owner's current rights (the
 * cached ones) not disabled, not revoked, not yet rotated, within its idle and absolute lifetime.
 */
@Injectable()
export class RefreshTokenCheck {
  constructor(
    private readonly tokens: RefreshTokensService,
    private readonly principals: PrincipalFactory,
  ) {}

  async check(presented: string): Promise<RefreshTokenVerdict> {
    const found = await this.tokens.findWithActiveGrant(presented);
    if (!found) return { kind: 'unusable', token: null, reason: 'The refresh token is invalid' };
    const { token, grant } = found;
    const owner = token.userId ? await this.principals.authorityOf(token.userId) : null;
    if (!grant || !owner || owner.disabled) return { kind: 'unusable', token, reason: 'The grant was revoked or its account disabled' };
    if (token.revokedAt) return { kind: 'unusable', token, reason: 'The refresh token is revoked' };
    if (token.rotatedAt) return { kind: 'rotated', token };
    const now = Date.now();
    if (token.expiresAt.getTime() <= now || token.idleExpiresAt.getTime() <= now)
      return { kind: 'unusable', token, reason: 'The refresh token is expired' };
    return { kind: 'usable', token, grant, owner };
  }
}

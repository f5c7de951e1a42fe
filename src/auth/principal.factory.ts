import { Injectable } from '@nestjs/common';
import { Authority } from '../users/authority';
import { UsersService } from '../users/users.service';
import { CredentialCaches } from './cache/credential-caches';
import { intersectScopes } from '../users/scopes';
import { Principal, PrincipalKind } from './principal';

export interface CredentialClaims {
  kind: PrincipalKind;
  /** What the credential carries; the principal gets these ∩ the owner's current scopes ('all': the owner's). */
  scopes: readonly string[] | 'all';
  readOnly: boolean;
  clientId?: string | null;
  credentialId?: string | null;
  /** The grant behind a delegated access token (Principal.grantId). */
  grantId?: string | null;
}

/**
 * Builds a Principal from a credential and its owner's rights at use time (a token
 * never grants more than its user has now). A disabled or deleted owner gives no principal.
 */
@Injectable()
export class PrincipalFactory {
  constructor(
    private readonly users: UsersService,
    private readonly caches: CredentialCaches,
  ) {}

  /** The owner's rights are cached for at most 0.5 s and dropped at once when they change here. */
  async forUser(userId: string, claims: CredentialClaims): Promise<Principal | null> {
    const authority = await this.authorityOf(userId);
    return authority ? this.fromAuthority(authority, claims) : null;
  }

  /** A user's current rights (CredentialCaches: at most 0.5 s old, and never older than a change made here). */
  authorityOf(userId: string): Promise<Authority | null> {
    return this.caches.authorities.getOrLoad(userId, () => this.users.authorityOf(userId));
  }

  fromAuthority(authority: Authority, claims: CredentialClaims): Principal | null {
    if (authority.disabled) return null;
    return {
      kind: claims.kind,
      userId: authority.userId,
      username: authority.username,
      clientId: claims.clientId ?? null,
      scopes: claims.scopes === 'all' ? authority.scopes : intersectScopes(claims.scopes, authority.scopes),
      readOnly: claims.readOnly,
      access: authority.access,
      credentialId: claims.credentialId ?? null,
      grantId: claims.grantId ?? null,
    };
  }
}

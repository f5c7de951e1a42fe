import { Inject, Injectable } from '@nestjs/common';
import { AuditStream } from '../../audit/audit-stream';
import { TokenCounter } from '../../audit/token-counter';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import type { OAuthClient } from '../client-auth/oauth-client';
import { AccessTokensService } from './access-tokens.service';
import { GrantsService, NewGrant } from './grants.service';
import { IdTokensService } from './id-tokens.service';
import { RefreshTokensService } from './refresh-tokens.service';
import { InvalidGrant } from '../errors/oauth-error';
import { RevocationFeed } from './revocation-feed.service';
import { TokenResponse } from './token-response';

export interface TokenIssue {
  client: OAuthClient;
  grantType: string;
  /** The user whose rights apply. */
  userId: string;
  /** The client acts for itself (client credentials): `sub` is the client id. */
  actsAsClient: boolean;
  scopes: readonly string[];
  /** An existing grant to continue (refresh, code), or null to start one (a person's token, or a refresh token). */
  grantId: string | null;
  withRefreshToken: boolean;
  /** The refresh token's scopes when they differ from the access token's (a narrowed refresh). */
  refreshScopes?: readonly string[];
  /** A rotated refresh token keeps its predecessor's absolute expiry. */
  refreshExpiresAt?: Date;
  idToken?: { nonce: string | null; authTime: Date | null; amr?: readonly string[] | null };
  /** When the person proved who they are, for a grant started by their password; kept on the grant (F7). */
  authTime?: Date;
  ip?: string;
}

/** Issues the tokens of one token response and audits it in the audit stream (never the tokens themselves). */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly accessTokens: AccessTokensService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly idTokens: IdTokensService,
    private readonly grants: GrantsService,
    private readonly auditStream: AuditStream,
    private readonly counter: TokenCounter,
    private readonly feed: RevocationFeed,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async issue(issue: TokenIssue): Promise<TokenResponse> {
    const subject = issue.actsAsClient ? issue.client.id : issue.userId;
    // Every token in a person's name belongs to a grant (R08): the person sees and withdraws it, a
    // new password ends it, and what the token mints ends with it (R05). Client credentials have none.
    const needsGrant = issue.withRefreshToken || !issue.actsAsClient;
    const issuedAtMs = issue.client.authenticatedAt ?? Date.now();
    const grantId = issue.grantId ?? (needsGrant ? await this.startGrant(issue, subject, issuedAtMs) : null);
    const access = await this.accessTokens.issue({
      issuedAtMs,
      subject,
      clientId: issue.client.id,
      userId: issue.userId,
      scopes: issue.scopes,
      grantId,
      ttlSeconds: issue.client.accessTokenTtl ?? this.config.tokens.accessTokenTtl,
    });
    const response: TokenResponse = {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      scope: issue.scopes.join(' '),
    };
    if (issue.withRefreshToken && grantId) response.refresh_token = await this.issueRefreshToken(issue, grantId);
    if (issue.idToken && issue.scopes.includes('openid') && !issue.actsAsClient) {
      response.id_token = await this.idTokens.issue({
        userId: issue.userId,
        clientId: issue.client.id,
        scopes: issue.scopes,
        nonce: issue.idToken.nonce,
        authTime: issue.idToken.authTime,
        amr: issue.idToken.amr ?? null,
        accessToken: access.token,
      });
    }
    this.audited(issue, access.jti, response);
    return response;
  }

  /** Issue 16: a line in the audit stream and a count, not an audit row (no database write on the request path). */
  private audited(issue: TokenIssue, jti: string, response: TokenResponse): void {
    this.auditStream.write({
      event: 'token.issued',
      actorId: issue.userId,
      clientId: issue.client.id,
      target: jti,
      ip: issue.ip ?? null,
      details: { grant_type: issue.grantType, scope: response.scope, refresh_token: Boolean(response.refresh_token) },
    });
    this.counter.count(issue.client.id);
  }

  /**
   * A new grant, checked once written: a new password or a disable that landed while the person's
   * credentials were being checked has already revoked the grants it found, so it ends this one
   * here (review R15; `revokeAllOfUser` raises the not-before time before it looks for grants).
   */
  private async startGrant(issue: TokenIssue, subject: string, issuedAtMs: number): Promise<string> {
    const grant = await this.grants.create(this.newGrant(issue, subject));
    if (!issue.actsAsClient && this.feed.endsUserAt(issue.userId, issuedAtMs)) {
      await this.grants.revoke(grant.id);
      throw new InvalidGrant('The account changed while signing in (a new password, or it was disabled): sign in again');
    }
    return grant.id;
  }

  private issueRefreshToken(issue: TokenIssue, grantId: string): Promise<string> {
    const absolute = issue.refreshExpiresAt ?? new Date(Date.now() + this.config.tokens.refreshTokenAbsoluteTtl * 1000);
    return this.refreshTokens.issue({
      grantId,
      clientId: issue.client.id,
      userId: issue.userId,
      scopes: issue.refreshScopes ?? issue.scopes,
      idleTtlSeconds: issue.client.refreshTokenTtl ?? this.config.tokens.refreshTokenIdleTtl,
      expiresAt: absolute,
    });
  }

  private newGrant(issue: TokenIssue, subject: string): NewGrant {
    return {
      grantType: issue.grantType,
      clientId: issue.client.id,
      userId: issue.userId,
      subject,
      scopes: issue.refreshScopes ?? issue.scopes,
      nonce: issue.idToken?.nonce ?? null,
      authTime: issue.idToken?.authTime ?? issue.authTime ?? null,
    };
  }
}

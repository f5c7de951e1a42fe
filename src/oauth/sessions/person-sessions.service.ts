import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { SessionService } from '../../auth/session.service';
import { AuthorizedAppsService, AuthorizedAppView } from '../authorized-apps/authorized-apps.service';
import { GrantsService } from '../tokens/grants.service';
import { describeDevice } from './device';

/** A browser session as its owner (or an administrator) sees it; never its id. */
export interface SessionView {
  device: string;
  user_agent: string | null;
  ip: string | null;
  /** `pwd`, or `pwd otp` after a second factor (RFC 8176). */
  amr: string[];
  created_at: string;
  last_seen_at: string;
  /** The session this request comes from. */
  current: boolean;
}

/** Where a person is signed in: browser sessions and the applications holding tokens for them. */
export interface SignedInOverview {
  sessions: SessionView[];
  applications: AuthorizedAppView[];
}

export interface SignOutActor {
  id: string | null;
  name: string | null;
  ip?: string | null;
}

/**
 * Issue 15, item 4: the person's sessions and authorized applications, and "sign out everywhere":
 * every other browser session ends (rows, so every instance at once) and every grant and access
 * token acting for the person is revoked through the revocation feed, as after a new password.
 * The applications stay authorized (consent is kept); they must get new tokens through a sign-in.
 */
@Injectable()
export class PersonSessionsService {
  constructor(
    private readonly sessions: SessionService,
    private readonly authorizedApps: AuthorizedAppsService,
    private readonly grants: GrantsService,
    private readonly audit: AuditService,
  ) {}

  async overviewOf(userId: string, currentSessionIdHash: string | null = null): Promise<SignedInOverview> {
    const rows = await this.sessions.listOf(userId);
    return {
      sessions: rows.map((row) => ({
        device: describeDevice(row.userAgent),
        user_agent: row.userAgent,
        ip: row.ip,
        amr: (row.amr ?? 'pwd').split(' '),
        created_at: row.createdAt.toISOString(),
        last_seen_at: row.lastSeenAt.toISOString(),
        current: row.idHash === currentSessionIdHash,
      })),
      applications: await this.authorizedApps.listOf(userId),
    };
  }

  /** Ends every session of the person but `keepSessionIdHash` (the one asking, when it is theirs) and revokes every grant. */
  async signOutEverywhere(userId: string, actor: SignOutActor, keepSessionIdHash: string | null = null): Promise<void> {
    await this.sessions.destroyAllOf(userId, keepSessionIdHash);
    await this.grants.revokeAllOfUser(userId);
    await this.audit.record({
      event: 'sessions.signed_out_everywhere',
      actorId: actor.id,
      actorName: actor.name,
      target: userId,
      ip: actor.ip ?? null,
      details: { by: actor.id === userId ? 'self' : 'administrator' },
    });
  }
}

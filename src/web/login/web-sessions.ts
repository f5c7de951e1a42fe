import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { ConsoleCookies } from '../../auth/console/console-cookies';
import type { SessionStep } from '../../auth/session.entity';
import { SessionOrigin, SessionService } from '../../auth/session.service';
import { AMR_PASSWORD, AMR_PASSWORD_AND_OTP, SecondFactor } from '../../auth/two-factor/second-factor';
import { TwoFactorPolicy } from '../../auth/two-factor/two-factor.policy';
import type { LoginContext } from '../../users/account-lockout';
import type { User } from '../../users/entities/user.entity';
import { UsersService } from '../../users/users.service';
import { RevocationFeed } from '../../oauth/tokens/revocation-feed.service';

/** Where a right password leads: signed in, or a second step (a code, or setting up TOTP first). */
export type SignInResult = 'signed-in' | SessionStep | null;

/**
 * Signing a person in and out of the console. A new session id on every sign-in (no fixation),
 * in the session cookie (ConsoleCookies decides its name and attributes); the pre-sign-in CSRF
 * cookie is dropped, since forms now carry the session's token. Wrong passwords and codes go through
 * UsersService (slow-down, lockout). A person who signs in with two factors first gets a pending
 * session that authenticates nothing, and a new one when the second step passes.
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly cookies: ConsoleCookies,
    private readonly audit: AuditService,
    private readonly policy: TwoFactorPolicy,
    private readonly secondFactor: SecondFactor,
    private readonly feed: RevocationFeed,
  ) {}

  /**
   * A new password or a disable that lands while the password is being checked has already ended
   * the person's sessions; the one made here is then ended too, once written (review SI3, as R15
   * for tokens), and the sign-in fails like a wrong password.
   */
  async signIn(request: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<SignInResult> {
    const startedAt = Date.now();
    const user = await this.users.verifyFirstFactor(username, password, contextOf(request));
    if (!user) return null;
    const step = await this.policy.stepAfterPassword(user);
    if (step === 'none') {
      await this.users.completeSignIn(user, contextOf(request), AMR_PASSWORD);
      return (await this.start(request, reply, user.id, { amr: AMR_PASSWORD }, startedAt)) ? 'signed-in' : null;
    }
    const pending: SessionStep = step === 'code' ? 'otp' : 'enrol';
    await this.users.secondStepPending(user, pending, contextOf(request));
    return (await this.start(request, reply, user.id, { pending }, startedAt)) ? pending : null;
  }

  /** The person whose sign-in waits for this step, or null (no such sign-in, or it expired). */
  async pendingPerson(request: FastifyRequest, step: SessionStep): Promise<User | null> {
    const id = this.cookies.sessionIdOf(request);
    const session = id ? await this.sessions.findPending(id, step) : null;
    return session ? this.users.findById(session.userId) : null;
  }

  /** The second step with a code: true when it passed (and the person is signed in). */
  async finishWithCode(request: FastifyRequest, reply: FastifyReply, user: User, code: string): Promise<boolean> {
    if (!(await this.secondFactor.verify(user, code, contextOf(request)))) return false;
    await this.complete(request, reply, user, AMR_PASSWORD_AND_OTP);
    return true;
  }

  /** The person has just set up TOTP with a first code: signed in with two factors. */
  async finishAfterEnrolment(request: FastifyRequest, reply: FastifyReply, user: User): Promise<void> {
    await this.complete(request, reply, user, AMR_PASSWORD_AND_OTP);
  }

  /** A person the federation module verified upstream: a new session marked `fed` and with its provider (prompt=login, logout). */
  async signInFederated(request: FastifyRequest, reply: FastifyReply, userId: string, identityProviderId: string): Promise<void> {
    await this.start(request, reply, userId, { amr: ['fed'], identityProviderId });
  }

  /** Ends the session; answers the identity provider it was signed in through, if any (to end the upstream session too). */
  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const principal = (request as FastifyRequest & { user?: { userId: string | null; username: string | null } }).user;
    const current = this.cookies.sessionIdOf(request);
    const identityProviderId = current ? ((await this.sessions.find(current))?.identityProviderId ?? null) : null;
    await this.endCurrent(request);
    this.cookies.clearSession(reply);
    if (principal) await this.audit.record({ event: 'logout', actorId: principal.userId, actorName: principal.username, ip: request.ip });
    return identityProviderId;
  }

  private async complete(request: FastifyRequest, reply: FastifyReply, user: User, amr: readonly string[]): Promise<void> {
    await this.users.completeSignIn(user, contextOf(request), amr);
    await this.start(request, reply, user.id, { amr });
  }

  /** A new session and its cookie; false, and no session, when the person changed since `checkedFrom` (SI3). */
  private async start(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    origin: SessionOrigin,
    checkedFrom?: number,
  ): Promise<boolean> {
    await this.endCurrent(request);
    const session = await this.sessions.create(userId, { userAgent: request.headers['user-agent'] ?? null, ip: request.ip, ...origin });
    if (checkedFrom !== undefined && this.feed.endsUserAt(userId, checkedFrom)) {
      await this.sessions.destroy(session.id);
      return false;
    }
    this.cookies.setSession(reply, session.id);
    this.cookies.clearCsrf(reply);
    return true;
  }

  private async endCurrent(request: FastifyRequest): Promise<void> {
    const current = this.cookies.sessionIdOf(request);
    if (current) await this.sessions.destroy(current);
  }
}

function contextOf(request: FastifyRequest): LoginContext {
  return { ip: request.ip, channel: 'login-page' };
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { ConsoleCookies } from '../../auth/console/console-cookies';
import { SessionService } from '../../auth/session.service';
import { UsersService } from '../../users/users.service';

/**
 * Signing a person in and out of the console. A new session id on every sign-in (no fixation),
 * in the session cookie (ConsoleCookies decides its name and attributes); the pre-sign-in CSRF
 * cookie is dropped, since forms now carry the session's token. Wrong passwords go through UsersService.verifyPassword (slow-down, lockout).
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly cookies: ConsoleCookies,
    private readonly audit: AuditService,
  ) {}

  async signIn(request: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<boolean> {
    const user = await this.users.verifyPassword(username, password, { ip: request.ip, channel: 'login-page' });
    if (!user) return false;
    await this.endCurrent(request);
    const session = await this.sessions.create(user.id);
    this.cookies.setSession(reply, session.id);
    this.cookies.clearCsrf(reply);
    return true;
  }

  /** A person the federation module verified upstream: a new session marked `fed` and with its provider (prompt=login, logout). */
  async signInFederated(request: FastifyRequest, reply: FastifyReply, userId: string, identityProviderId: string): Promise<void> {
    await this.endCurrent(request);
    const session = await this.sessions.create(userId, { amr: ['fed'], identityProviderId });
    this.cookies.setSession(reply, session.id);
    this.cookies.clearCsrf(reply);
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

  private async endCurrent(request: FastifyRequest): Promise<void> {
    const current = this.cookies.sessionIdOf(request);
    if (current) await this.sessions.destroy(current);
  }
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { SESSION_COOKIE, SessionService } from '../../auth/session.service';
import { UsersService } from '../../users/users.service';
import { CSRF_COOKIE, isHttps } from '../csrf/csrf.service';

/**
 * Signing a person in and out of the console. A new session id on every sign-in (no fixation),
 * kept in an HttpOnly, SameSite=Lax cookie that is Secure behind HTTPS; the CSRF cookie is
 * renewed with it. Wrong passwords go through UsersService.verifyPassword (slow-down, lockout).
 */
@Injectable()
export class WebSessions {
  constructor(private readonly users: UsersService, private readonly sessions: SessionService, private readonly audit: AuditService) {}

  async signIn(request: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<boolean> {
    const user = await this.users.verifyPassword(username, password, { ip: request.ip, channel: 'login-page' });
    if (!user) return false;
    await this.endCurrent(request);
    const session = await this.sessions.create(user.id);
    const secure = isHttps(request);
    // No Expires: the server's sliding expiry (SESSION_TTL) decides; the browser drops it on close.
    reply.setCookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return true;
  }

  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = (request as FastifyRequest & { user?: { userId: string | null; username: string | null } }).user;
    await this.endCurrent(request);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (principal) await this.audit.record({ event: 'logout', actorId: principal.userId, actorName: principal.username, ip: request.ip });
  }

  private async endCurrent(request: FastifyRequest): Promise<void> {
    const current = request.cookies?.[SESSION_COOKIE];
    if (current) await this.sessions.destroy(current);
  }
}

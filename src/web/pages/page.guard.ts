import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import { SessionService } from '../../auth/session.service';
import { Forbidden } from '../../common/errors/api-error';
import { CsrfService } from '../../auth/console/csrf.service';
import { LoginRequired, PAGE_ACCESS, PageAccess, returnPathOf } from './page-access';

type PageRequest = FastifyRequest & { user?: Principal };

/**
 * The console's own guard (its routes are `@Public()` to the API guard): every POST comes from
 * Tessera's origin and carries a valid CSRF token (CsrfService); pages for people need a session cookie (never a Bearer token or API key),
 * administrators' pages the `admin` scope. The principal is left on `request.user`.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly csrf: CsrfService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PageRequest>();
    const access = this.reflector.getAllAndOverride<PageAccess>(PAGE_ACCESS, [context.getHandler(), context.getClass()]) ?? 'person';
    const sessionId = this.sessions.idOf(request);
    if (request.method === 'POST') await this.verifyCsrf(request, sessionId);
    const principal = sessionId ? await this.sessions.authenticate(sessionId) : null;
    if (principal) request.user = principal;
    if (access === 'anyone') return true;
    if (!principal) throw new LoginRequired(returnPathOf(request));
    if (access === 'admin' && !principal.scopes.includes('admin')) throw new Forbidden('This page is for administrators');
    return true;
  }

  /** A refused form still knows who sent it, so its error page does not offer "Sign in" to someone signed in. */
  private async verifyCsrf(request: PageRequest, sessionId: string | null): Promise<void> {
    try {
      this.csrf.verify(request, request.body);
    } catch (error) {
      const principal = sessionId ? await this.sessions.peek(sessionId) : null;
      if (principal) request.user = principal;
      throw error;
    }
  }
}

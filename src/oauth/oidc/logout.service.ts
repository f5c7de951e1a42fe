import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { ConsoleCookies } from '../../auth/console/console-cookies';
import { Session } from '../../auth/session.entity';
import { SessionService } from '../../auth/session.service';
import { ClientsService } from '../../clients/clients.service';
import { CsrfService } from '../../auth/console/csrf.service';
import { redirectWith } from '../authorize/authorization-request';
import { IdTokensService } from '../tokens/id-tokens.service';
import { confirmLogoutPage, LogoutParams, signedOutPage } from './logout.page';

/**
 * OpenID Connect RP-Initiated Logout 1.0. `GET` signs out at once only when a valid
 * `id_token_hint` issued by Tessera names the session's user (§2, §3: otherwise the OP asks);
 * else it shows a page whose form `POST`s back with CSRF protection. Afterwards the browser
 * returns to the client only at a `post_logout_redirect_uri` registered for it (client named by
 * `client_id` or by the hint's audience).
 */
@Injectable()
export class LogoutService {
  constructor(
    private readonly sessions: SessionService,
    private readonly cookies: ConsoleCookies,
    private readonly clients: ClientsService,
    private readonly idTokens: IdTokensService,
    private readonly csrf: CsrfService,
    private readonly audit: AuditService,
  ) {}

  /**
   * §2: when `client_id` and the hint are both sent, they must name the same client (review A7).
   * §3: without a valid hint nothing vouches for the redirect, so the browser is not sent on by
   * itself (review A1: a link to Tessera would bounce anyone to any URI someone registered); the
   * signed-out page links to the application instead. Confirming on Tessera's page (`POST`) does.
   */
  async requested(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const params = logoutParams(request.query);
    const session = await this.currentSession(request);
    const hint = params.id_token_hint ? await this.idTokens.readHint(params.id_token_hint) : null;
    if (hint && params.client_id && hint.aud !== params.client_id)
      return sendPage(reply, 400, signedOutPage('The id_token_hint was issued to another application than client_id names.', null, false));
    if (session && hint?.sub !== session.userId) return sendPage(reply, 200, confirmLogoutPage(params, this.csrf.tokenFor(request, reply)));
    await this.endSession(request, reply, session);
    await this.returnToClient(reply, params, hint?.aud ?? null, Boolean(hint));
  }

  async confirmed(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.csrf.verify(request, request.body);
    const params = logoutParams(request.body);
    await this.endSession(request, reply, await this.currentSession(request));
    const hint = params.id_token_hint ? await this.idTokens.readHint(params.id_token_hint) : null;
    const audience = hint && (!params.client_id || hint.aud === params.client_id) ? hint.aud : null;
    await this.returnToClient(reply, params, audience, true);
  }

  /** `redirect`: send the browser on (a valid hint, or the person confirmed); else link to the application from the page. */
  private async returnToClient(reply: FastifyReply, params: LogoutParams, hintAudience: string | null, redirect: boolean): Promise<void> {
    const target = params.post_logout_redirect_uri;
    if (!target) return sendPage(reply, 200, signedOutPage(null));
    const clientId = params.client_id ?? hintAudience;
    const client = clientId ? await this.clients.findById(clientId) : null;
    if (!client || !client.postLogoutRedirectUris.includes(target)) {
      return sendPage(
        reply,
        400,
        signedOutPage('The post_logout_redirect_uri is not registered for this application, so Tessera will not send you there.'),
      );
    }
    const location = params.state ? redirectWith(target, { state: params.state }) : target;
    if (!redirect) return sendPage(reply, 200, signedOutPage(null, { name: client.name, href: location }));
    reply.status(302).header('Location', location).header('Cache-Control', 'no-store').send();
  }

  private async currentSession(request: FastifyRequest): Promise<Session | null> {
    const sessionId = this.cookies.sessionIdOf(request);
    return sessionId ? this.sessions.find(sessionId) : null;
  }

  private async endSession(request: FastifyRequest, reply: FastifyReply, session: Session | null): Promise<void> {
    const sessionId = this.cookies.sessionIdOf(request);
    if (!sessionId) return;
    await this.sessions.destroy(sessionId);
    this.cookies.clearSession(reply);
    if (session) await this.audit.record({ event: 'logout', actorId: session.userId, ip: request.ip, details: { via: 'oauth2/logout' } });
  }
}

function logoutParams(source: unknown): LogoutParams {
  const values = (source ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof values[name] === 'string' && values[name] ? (values[name] as string) : undefined);
  return {
    client_id: text('client_id'),
    post_logout_redirect_uri: text('post_logout_redirect_uri'),
    state: text('state'),
    id_token_hint: text('id_token_hint'),
  };
}

function sendPage(reply: FastifyReply, status: number, page: { toString(): string }): void {
  reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.toString());
}

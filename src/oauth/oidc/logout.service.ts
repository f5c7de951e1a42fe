import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { ConsoleCookies } from '../../auth/console/console-cookies';
import { SessionService } from '../../auth/session.service';
import { ClientsService } from '../../clients/clients.service';
import { html } from '../../web/views/html';
import { layout } from '../../web/views/layout';
import { redirectWith } from '../authorize/authorization-request';
import { IdTokensService } from '../tokens/id-tokens.service';

/**
 * Ends the browser session, then returns to the client only at a `post_logout_redirect_uri`
 * registered for it (client named by `client_id` or by the `id_token_hint`'s audience).
 */
@Injectable()
export class LogoutService {
  constructor(
    private readonly sessions: SessionService,
    private readonly cookies: ConsoleCookies,
    private readonly clients: ClientsService,
    private readonly idTokens: IdTokensService,
    private readonly audit: AuditService,
  ) {}

  async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof query[name] === 'string' && query[name] ? (query[name] as string) : null);
    await this.endSession(request, reply);
    const target = text('post_logout_redirect_uri');
    if (!target) return signedOutPage(reply, 200, null);
    const hint = text('id_token_hint') ? await this.idTokens.readHint(text('id_token_hint')!) : null;
    const clientId = text('client_id') ?? hint?.aud ?? null;
    const client = clientId ? await this.clients.findById(clientId) : null;
    if (!client || !client.postLogoutRedirectUris.includes(target)) {
      return signedOutPage(reply, 400, 'The post_logout_redirect_uri is not registered for this application, so Tessera will not send you there.');
    }
    const state = text('state');
    reply.status(302).header('Location', state ? redirectWith(target, { state }) : target).header('Cache-Control', 'no-store').send();
  }

  private async endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const sessionId = this.cookies.sessionIdOf(request);
    if (!sessionId) return;
    const session = await this.sessions.find(sessionId);
    await this.sessions.destroy(sessionId);
    this.cookies.clearSession(reply);
    if (session) await this.audit.record({ event: 'logout', actorId: session.userId, ip: request.ip, details: { via: 'oauth2/logout' } });
  }
}

function signedOutPage(reply: FastifyReply, status: number, error: string | null): void {
  const page = layout({ title: 'Signed out' }, html`<section class="card narrow">
  <h1>You are signed out</h1>
  ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  <p><a href="/login">Sign in again</a></p>
</section>`);
  reply.status(status).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page.toString());
}

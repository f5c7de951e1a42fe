import { Inject, Injectable } from '@nestjs/common';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';

/**
 * The one place that names the console's cookies and sets their attributes. Behind an https
 * ISSUER (TLS may end at a proxy, so the request's own protocol does not tell) they are `Secure`
 * and carry the `__Host-` prefix (RFC 6265bis §4.1.3.2: Secure, Path=/, no Domain), so no other
 * host or port can set or shadow them. Always HttpOnly and SameSite=Lax; no Expires (the server's
 * expiry decides; the browser drops them on close).
 */
@Injectable()
export class ConsoleCookies {
  readonly session: string;
  readonly csrf: string;
  /** Binds an upstream sign-in (its `state`) to the browser that started it. */
  readonly federation: string;
  private readonly attributes: CookieSerializeOptions;

  constructor(@Inject(TESSERA_CONFIG) config: TesseraConfig) {
    const secure = new URL(config.issuer).protocol === 'https:';
    const prefix = secure ? '__Host-' : '';
    this.session = `${prefix}tessera_session`;
    this.csrf = `${prefix}tessera_csrf`;
    this.federation = `${prefix}tessera_federation`;
    this.attributes = { path: '/', httpOnly: true, sameSite: 'lax', secure };
  }

  sessionIdOf(request: FastifyRequest): string | null {
    return request.cookies?.[this.session] || null;
  }

  csrfOf(request: FastifyRequest): string | null {
    return request.cookies?.[this.csrf] || null;
  }

  setSession(reply: FastifyReply, id: string): void {
    reply.setCookie(this.session, id, this.attributes);
  }

  setCsrf(reply: FastifyReply, token: string): void {
    reply.setCookie(this.csrf, token, this.attributes);
  }

  clearSession(reply: FastifyReply): void {
    reply.clearCookie(this.session, this.attributes);
  }

  federationOf(request: FastifyRequest): string | null {
    return request.cookies?.[this.federation] || null;
  }

  setFederation(reply: FastifyReply, value: string): void {
    reply.setCookie(this.federation, value, this.attributes);
  }

  clearCsrf(reply: FastifyReply): void {
    reply.clearCookie(this.csrf, this.attributes);
  }
}

import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden } from '../../common/errors/api-error';
import { generateSecret, safeEqual } from '../../common/secrets';

export const CSRF_COOKIE = 'tessera_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * CSRF protection for every form (OWASP double-submit cookie): the page puts a random token in
 * an HttpOnly, SameSite=Lax cookie and in a hidden field; a POST must carry both, equal.
 * Works before sign-in (the login form) as well as after.
 */
@Injectable()
export class CsrfService {
  /** The request's token, setting the cookie when there is none yet. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    const existing = request.cookies?.[CSRF_COOKIE];
    if (existing && existing.length >= 43) return existing;
    const token = generateSecret();
    reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(request) });
    return token;
  }

  /** Throws 403 unless the form's `_csrf` field equals the cookie. */
  verify(request: FastifyRequest, body: unknown): void {
    const cookie = request.cookies?.[CSRF_COOKIE];
    const field = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
    if (!cookie || typeof field !== 'string' || !safeEqual(cookie, field)) {
      throw new Forbidden('This form has expired or did not come from Tessera. Reload the page and try again.');
    }
  }
}

export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

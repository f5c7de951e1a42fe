import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleCookies } from './console-cookies';
import { isSameOrigin } from './same-origin';
import { SessionCsrf } from './session-csrf';
import { Forbidden } from '../../common/errors/api-error';
import { generateSecret, safeEqual } from '../../common/secrets';
import { CSRF_FIELD } from '../../html/controls';

const REFUSED = 'This form has expired or did not come from Tessera. Reload the page and try again.';

/**
 * CSRF protection for every form (issue 11, rule 4). Every POST must come from a page of Tessera's
 * own origin (`Origin`, or `Sec-Fetch-Site: same-origin`). With a session cookie the `_csrf` field
 * is the session's token (HMAC of the session id, the same value as the API's `X-CSRF-Token`), so
 * a cookie planted by a sibling host or port proves nothing; before sign-in (the login form) it is
 * a double-submit token: a random value in an HttpOnly cookie and in the field, equal.
 */
@Injectable()
export class CsrfService {
  constructor(
    private readonly cookies: ConsoleCookies,
    private readonly sessionCsrf: SessionCsrf,
  ) {}

  /** The token for the forms of this page, setting the double-submit cookie when there is no session. */
  tokenFor(request: FastifyRequest, reply: FastifyReply): string {
    const sessionId = this.cookies.sessionIdOf(request);
    if (sessionId) return this.sessionCsrf.tokenFor(sessionId);
    const existing = this.cookies.csrfOf(request);
    if (existing && existing.length >= 43) return existing;
    const token = generateSecret();
    this.cookies.setCsrf(reply, token);
    return token;
  }

  /** Throws 403 unless the form came from Tessera's origin and carries the right `_csrf` field. */
  verify(request: FastifyRequest, body: unknown): void {
    const field = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
    if (!isSameOrigin(request, this.sessionCsrf.origin) || !this.fieldMatches(request, field)) throw new Forbidden(REFUSED);
  }

  private fieldMatches(request: FastifyRequest, field: unknown): boolean {
    if (typeof field !== 'string') return false;
    const sessionId = this.cookies.sessionIdOf(request);
    if (sessionId) return this.sessionCsrf.matches(sessionId, field);
    const cookie = this.cookies.csrfOf(request);
    return cookie !== null && safeEqual(cookie, field);
  }
}

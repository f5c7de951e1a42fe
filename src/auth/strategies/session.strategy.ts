import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Forbidden } from '../../common/errors/api-error';
import { ConsoleCookies } from '../console/console-cookies';
import { SessionCsrf } from '../console/session-csrf';
import { SessionService } from '../session.service';
import { CredentialStrategy } from './credential.strategy';

class SessionCookieStrategy extends CredentialStrategy {
  constructor(
    private readonly cookies: ConsoleCookies,
    verify: ConstructorParameters<typeof CredentialStrategy>[0],
  ) {
    super(verify);
  }

  protected extract(request: FastifyRequest): string | null {
    if (request.headers.authorization) return null;
    return this.cookies.sessionIdOf(request);
  }
}

/**
 * The web console's session cookie (only when no Authorization header was sent). On the API it
 * counts only with proof that Tessera's own page sent the request (issue 11, rule 4): the ISSUER's
 * origin and the session's CSRF token in `X-CSRF-Token`; otherwise 403, before the session is read.
 */
@Injectable()
export class SessionStrategy extends PassportStrategy(SessionCookieStrategy, 'session') {
  constructor(
    private readonly sessions: SessionService,
    private readonly csrf: SessionCsrf,
    cookies: ConsoleCookies,
  ) {
    super(cookies);
  }

  async validate(request: FastifyRequest, sessionId: string) {
    if (!this.csrf.provenByConsole(request, sessionId)) {
      throw new Forbidden(
        "A console session is accepted here only from Tessera's own pages (same Origin and the X-CSRF-Token header); other callers use a Bearer token",
      );
    }
    return (await this.sessions.authenticate(sessionId)) ?? false;
  }
}

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, SessionService } from '../session.service';
import { CredentialStrategy } from './credential.strategy';

class SessionCookieStrategy extends CredentialStrategy {
  protected extract(request: FastifyRequest): string | null {
    if (request.headers.authorization) return null;
    return request.cookies?.[SESSION_COOKIE] ?? null;
  }
}

/** The web console's session cookie (only when no Authorization header was sent). */
@Injectable()
export class SessionStrategy extends PassportStrategy(SessionCookieStrategy, 'session') {
  constructor(private readonly sessions: SessionService) {
    super();
  }

  async validate(_request: FastifyRequest, sessionId: string) {
    return (await this.sessions.authenticate(sessionId)) ?? false;
  }
}

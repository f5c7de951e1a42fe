import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuthenticationRequired } from '../../common/errors/api-error';
import { routeAccessOf } from '../route-access';
import { ConsoleCookies } from '../console/console-cookies';
import { refuseTokenInUrl } from '../strategies/bearer-token-places';

const STRATEGIES = ['bearer', 'basic', 'reference', 'session'];

/**
 * The global guard: every route needs a credential unless it is `@Public()`.
 * Passport tries each strategy in turn; the first that recognises the credential decides. A token
 * in the URL is refused before any of them runs (F18).
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard(STRATEGIES) {
  constructor(
    private readonly reflector: Reflector,
    private readonly cookies: ConsoleCookies,
  ) {
    super();
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { credential } = routeAccessOf(this.reflector, [context.getHandler(), context.getClass()]);
    if (credential === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    refuseTokenInUrl(request);
    if (credential === 'optional' && !this.presentsCredential(request)) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  handleRequest<TUser>(error: unknown, principal: TUser, _info: unknown, context: ExecutionContext): TUser {
    if (error) throw error;
    if (principal) return principal;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!this.presentsCredential(request)) throw new AuthenticationRequired();
    throw new AuthenticationRequired('The credential presented is not valid: unknown, expired or revoked', [
      'Basic realm="Tessera"',
      'Bearer realm="Tessera", error="invalid_token", error_description="The access token is invalid, expired or revoked"',
    ]);
  }

  private presentsCredential(request: FastifyRequest): boolean {
    return Boolean(request.headers.authorization || this.cookies.sessionIdOf(request));
  }
}

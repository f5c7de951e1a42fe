import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Forbidden, InsufficientScope } from '../../common/errors/api-error';
import { routeAccessOf } from '../route-access';
import type { Principal } from '../principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs after the AuthGuard: a read-only principal (API key, Basic password) may not write,
 * and a route's `@RequireScopes` must all be held (RFC 6750 §3.1 insufficient_scope).
 */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const principal = request.user;
    if (!principal) return true;
    const access = routeAccessOf(this.reflector, [context.getHandler(), context.getClass()]);
    if (principal.readOnly && !SAFE_METHODS.has(request.method)) {
      throw new Forbidden('This credential is read-only: API keys and Basic passwords cannot change data');
    }
    if (access.personOnly && !isPerson(principal)) {
      throw new Forbidden('This needs a signed-in person, not an application');
    }
    const missing = access.scopes.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length > 0) throw new InsufficientScope(missing);
    return true;
  }
}

function isPerson(principal: Principal): boolean {
  return principal.userId !== null && principal.kind !== 'client';
}

import type { Principal } from '../auth/principal';
import { ApiError } from '../common/errors/api-error';
import type { UserKind } from '../users/entities/user.entity';

export type UserAction = 'view' | 'create' | 'edit' | 'delete';

/** The scope that allows an action on API users without `admin`. */
export const API_USER_SCOPE: Record<UserAction, string> = {
  view: 'api-users:view',
  create: 'api-users:create',
  edit: 'api-users:edit',
  delete: 'api-users:delete',
};

/** 403 naming the alternatives: `admin`, or the API-user scope when one would do (RFC 6750 §3.1). */
export class AdminScopeRequired extends ApiError {
  constructor(alternatives: string[]) {
    super(403, 'insufficient_scope', `This request needs the scope ${alternatives.map((s) => `"${s}"`).join(' or ')}`, {
      headers: {
        'WWW-Authenticate': `Bearer realm="Tessera", error="insufficient_scope", scope="${alternatives[alternatives.length - 1]}"`,
      },
    });
  }
}

export function isAdministrator(principal: Principal): boolean {
  return principal.scopes.includes('admin');
}

/** May this principal act on users of this kind? Administrators always; API-user managers on `api` users. */
export function mayManage(principal: Principal, action: UserAction, kind: UserKind | null): boolean {
  if (isAdministrator(principal)) return true;
  return kind === 'api' && principal.scopes.includes(API_USER_SCOPE[action]);
}

export function assertMayManage(principal: Principal, action: UserAction, kind: UserKind | null): void {
  if (mayManage(principal, action, kind)) return;
  throw new AdminScopeRequired(kind === 'api' ? ['admin', API_USER_SCOPE[action]] : ['admin']);
}

/** Before the target is known: does the principal hold any scope that could allow the action? */
export function assertMayManageSome(principal: Principal, action: UserAction): void {
  if (isAdministrator(principal) || principal.scopes.includes(API_USER_SCOPE[action])) return;
  throw new AdminScopeRequired(['admin', API_USER_SCOPE[action]]);
}

import { BadRequest, InsufficientScope } from '../common/errors/api-error';
import type { Principal } from './principal';
import { ACCOUNT_SCOPE } from '../users/scopes';

/**
 * Scope-down (docs/decisions.md, "Scopes"): nothing a principal creates or changes carries a scope the principal
 * does not hold at that moment. 400 `invalid_scope` naming what is beyond it.
 */
export function assertScopesHeld(principal: Principal, scopes: readonly string[], field = 'scopes'): void {
  const beyond = scopes.filter((scope) => !principal.scopes.includes(scope));
  if (beyond.length > 0) throw new BadRequest(`You cannot give scopes you do not hold: ${beyond.join(', ')}`, field, 'invalid_scope');
}

/** API keys and personal access tokens never carry `account`: a key must not mint keys. */
export function assertNoAccountScope(scopes: readonly string[], what: string, field = 'scopes'): void {
  if (scopes.includes(ACCOUNT_SCOPE)) throw new BadRequest(`${what} cannot carry the "account" scope`, field, 'invalid_scope');
}

/**
 * Minting in a person's name (API keys, PATs, applications and their secrets) needs `account`
 * (DESIGN §10), through every door: the JSON API's controllers say so for their 403 early, and the
 * facades both the API and the console's forms call hold the rule itself (F22).
 */
export function assertMayMint(principal: Principal): void {
  if (!principal.scopes.includes(ACCOUNT_SCOPE)) throw new InsufficientScope([ACCOUNT_SCOPE]);
}

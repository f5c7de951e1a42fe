import { ACCOUNT_SCOPE, ALL_SCOPES, intersectScopes, isKnownScope, parseScopeParameter, withoutAccount } from '../users/scopes';
import type { OAuthClient } from './client-auth/oauth-client';
import { InvalidScope } from './errors/oauth-error';

/**
 * An unknown scope → invalid_scope; a scope the client may not ask for →
 * invalid_scope; otherwise the token gets requested ∩ the client's allowed ∩ the owner's
 * (RFC 6749 §3.3 lets the server narrow). No `scope` → the client's allowed ∩ the owner's, without
 * `account` (DESIGN §10: an application gets it only when it asked for it by name; review A5) unless
 * `firstParty`: the person's own sign-in (`/consumer/login`, their name and password as the client).
 */
export function grantedScopes(
  requested: string | undefined,
  allowed: readonly string[],
  owner: readonly string[],
  firstParty = false,
): string[] {
  const asked = parseScopeParameter(requested);
  if (asked.length === 0) return intersectScopes(firstParty ? allowed : withoutAccount(allowed), owner);
  const unknown = asked.filter((scope) => !isKnownScope(scope));
  if (unknown.length > 0) throw new InvalidScope(`Unknown scope "${unknown[0]}"; known scopes are: ${ALL_SCOPES.join(' ')}`);
  const notAllowed = asked.filter((scope) => !allowed.includes(scope));
  if (notAllowed.length > 0) throw new InvalidScope(`This client may not request the scope "${notAllowed[0]}"`);
  const granted = intersectScopes(asked, owner);
  if (granted.length === 0) throw noneHeld(asked, owner);
  return granted;
}

/** Says what is missing and who can fix it, without listing the account's scopes to the client. */
function noneHeld(asked: readonly string[], owner: readonly string[]): InvalidScope {
  const why = owner.length === 0 ? 'it has no role yet' : 'its roles do not give them';
  return new InvalidScope(
    `None of the requested scopes (${asked.join(' ')}) are held by the account: ${why}; an administrator can give it a role that does`,
  );
}

/** RFC 6749 §6: a refresh may narrow the scope, never widen it. */
export function narrowedScopes(requested: string | undefined, original: readonly string[]): string[] {
  const asked = parseScopeParameter(requested);
  if (asked.length === 0) return [...original];
  const beyond = asked.filter((scope) => !original.includes(scope));
  if (beyond.length > 0) throw new InvalidScope(`The scope "${beyond[0]}" was not part of the original grant`);
  return asked;
}

/**
 * The most a token of this grant may carry for this client, as the client stands now (scope-down,
 * docs/decisions.md "Scopes"): its allowed scopes; never `account` for a client acting for itself
 * (client credentials of an application or an API user); `account` with the password grant, when the
 * person's role holds it — the person handed over the password itself, as at `/consumer/login`.
 * A refresh is held to the ceiling of the grant it continues, so narrowing an application's
 * scopes narrows its next refresh too.
 */
export function clientCeiling(client: Pick<OAuthClient, 'scopes' | 'kind'>, grantType: string): string[] {
  if (grantType === 'password') return [...new Set([...client.scopes, ACCOUNT_SCOPE])];
  if (grantType === 'client_credentials' && client.kind !== 'user') return withoutAccount(client.scopes);
  return [...client.scopes];
}

/** Every scope Tessera knows (DESIGN §10). */
export const SCOPES = {
  read: 'Read building data',
  write: 'Create, change and delete building data',
  admin: 'Administer users, roles, databases and the audit log',
  'api-users:view': 'View API users',
  'api-users:create': 'Create API users',
  'api-users:edit': 'Edit API users and generate their API tokens',
  'api-users:delete': 'Delete API users',
  openid: 'Sign you in (OpenID Connect)',
  profile: 'Read your user name',
  email: 'Read your e-mail address',
  account: 'Create applications, API keys and personal access tokens in the person\'s name, and manage their grants',
} as const;

export type Scope = keyof typeof SCOPES;

export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

/**
 * Scopes a delegated credential gets only when it asked for them by name (DESIGN §10): never part
 * of a default scope set, never held by a client acting for itself, an API key or a PAT.
 */
export const ACCOUNT_SCOPE = 'account';

/** The scopes without `account`: what a default set, a machine credential or a key may hold. */
export function withoutAccount(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => scope !== ACCOUNT_SCOPE);
}

export function isKnownScope(name: string): name is Scope {
  return Object.prototype.hasOwnProperty.call(SCOPES, name);
}

/** Splits a `scope` parameter; space-separated per RFC 6749 §3.3, commas accepted (seed 003). */
export function parseScopeParameter(value: string | undefined | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

export function intersectScopes(...lists: readonly (readonly string[])[]): string[] {
  const [first = [], ...rest] = lists;
  return first.filter((scope) => rest.every((list) => list.includes(scope)));
}

/**
 * Every scope Tessera knows, once: what it is for, and the sentence the consent page
 * shows a person for it. Roles carry these scopes; tokens, keys and applications hold subsets.
 */
export const SCOPES = {
  read: { description: 'Read building data', consent: 'Read building data in the databases you can see' },
  write: {
    description: 'Create, change and delete building data',
    consent: 'Create, change and delete building data in the databases you may edit',
  },
  admin: {
    description: 'Administer users, roles, databases and the audit log',
    consent: 'Administer Tessera as you: users, roles, databases and the audit log',
  },
  'api-users:view': { description: 'View API users', consent: 'See the API users' },
  'api-users:create': { description: 'Create API users', consent: 'Create API users' },
  'api-users:edit': {
    description: 'Edit API users and generate their API tokens',
    consent: 'Change API users and generate their API tokens',
  },
  'api-users:delete': { description: 'Delete API users', consent: 'Delete API users' },
  openid: { description: 'Sign you in (OpenID Connect)', consent: 'Know who you are when you sign in to it' },
  profile: { description: 'Read your user name', consent: 'See your user name' },
  email: { description: 'Read your e-mail address', consent: 'See your e-mail address' },
  account: {
    description: "Create applications, API keys and personal access tokens in the person's name, and manage their grants",
    consent: 'Create applications and API keys in your name (they end when you withdraw this access)',
  },
} as const satisfies Record<string, { description: string; consent: string }>;

export type Scope = keyof typeof SCOPES;

export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

/**
 * Scopes a delegated credential gets only when it asked for them by name: never part
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

/** What a scope is for, in a few words (forms and documentation). */
export function scopeDescription(scope: string): string | undefined {
  return isKnownScope(scope) ? SCOPES[scope].description : undefined;
}

/** What a scope lets an application do, in words a person can judge on the consent page. */
export function scopeSentence(scope: string): string {
  return isKnownScope(scope) ? SCOPES[scope].consent : scope;
}

/** Splits a `scope` parameter; space-separated per RFC 6749 §3.3, commas accepted (netrex's clients send them). */
export function parseScopeParameter(value: string | undefined | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[\s,]+/).filter(Boolean))];
}

export function intersectScopes(...lists: readonly (readonly string[])[]): string[] {
  const [first = [], ...rest] = lists;
  return first.filter((scope) => rest.every((list) => list.includes(scope)));
}

import { isKnownScope, Scope } from '../../auth/scopes';

/** What each scope lets an application do, in words a person can judge on the consent page. */
export const SCOPE_SENTENCES: Record<Scope, string> = {
  read: 'Read building data in the databases you can see',
  write: 'Create, change and delete building data in the databases you may edit',
  admin: 'Administer Tessera as you: users, roles, databases and the audit log',
  'api-users:view': 'See the API users',
  'api-users:create': 'Create API users',
  'api-users:edit': 'Change API users and generate their API tokens',
  'api-users:delete': 'Delete API users',
  openid: 'Know who you are when you sign in to it',
  profile: 'See your user name',
  email: 'See your e-mail address',
  account: 'Create applications and API keys in your name',
};

export function scopeSentence(scope: string): string {
  return isKnownScope(scope) ? SCOPE_SENTENCES[scope] : scope;
}

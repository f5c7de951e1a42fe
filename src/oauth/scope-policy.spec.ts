import { InvalidScope } from './errors/oauth-error';
import { grantedScopes, narrowedScopes } from './scope-policy';

describe('grantedScopes', () => {
  const allowed = ['read', 'write', 'openid'];
  const owner = ['read', 'openid', 'email'];

  it.each([
    [undefined, ['read', 'openid']],
    ['read', ['read']],
    ['read,openid', ['read', 'openid']],
    ['read write', ['read']],
  ])('gives %p → %p', (requested, expected) => {
    expect(grantedScopes(requested, allowed, owner)).toEqual(expected);
  });

  it('refuses an unknown scope, one the client may not ask for, and one nobody holds', () => {
    expect(() => grantedScopes('read bogus', allowed, owner)).toThrow(InvalidScope);
    expect(() => grantedScopes('email', allowed, owner)).toThrow(/may not request the scope "email"/);
    expect(() => grantedScopes('write', allowed, owner)).toThrow(/None of the requested scopes/);
  });
});

describe('narrowedScopes', () => {
  it('keeps the original scopes, narrows, and never widens', () => {
    expect(narrowedScopes(undefined, ['read', 'openid'])).toEqual(['read', 'openid']);
    expect(narrowedScopes('read', ['read', 'openid'])).toEqual(['read']);
    expect(() => narrowedScopes('read write', ['read'])).toThrow(/was not part of the original grant/);
  });
});

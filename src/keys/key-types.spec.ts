import { BadRequest } from '../common/errors/api-error';
import { ALL_SCOPES } from '../users/scopes';
import { assertKeyTypeHolds, keyTypeMayHold, scopesForKeyType } from './key-types';

describe('key types', () => {
  it('gives an API key only the scopes a read-only credential can use', () => {
    expect(scopesForKeyType('api_key')).toEqual(['read', 'api-users:view', 'openid', 'profile', 'email']);
  });

  it('gives a personal access token every scope but account', () => {
    expect(scopesForKeyType('personal_token')).toEqual(ALL_SCOPES.filter((scope) => scope !== 'account'));
    expect(keyTypeMayHold('personal_token', 'account')).toBe(false);
  });

  it('refuses an API key that asks for write, naming the scope and the way out', () => {
    expect(() => assertKeyTypeHolds('api_key', ['read', 'write'])).toThrow(
      new BadRequest('An API key is read-only and cannot hold write; create a personal access token for it', 'scopes', 'invalid_scope'),
    );
    expect(() => assertKeyTypeHolds('personal_token', ['read', 'write'])).not.toThrow();
  });
});

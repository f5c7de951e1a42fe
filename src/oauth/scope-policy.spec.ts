import { ALL_SCOPES, withoutAccount } from '../users/scopes';
import { InvalidScope } from './errors/oauth-error';
import { clientCeiling, grantedScopes, narrowedScopes } from './scope-policy';

/** The refusal as the client reads it: the error class and its description. */
function refusalOf(act: () => unknown): unknown[] {
  try {
    act();
  } catch (error) {
    return error instanceof InvalidScope ? [InvalidScope, error.code, error.message] : [error];
  }
  throw new Error('expected a refusal');
}

describe(grantedScopes.name, () => {
  const allowed = ['read', 'write', 'openid'];
  const owner = ['read', 'openid', 'email'];

  describe('without a scope parameter', () => {
    it("gives the client's allowed scopes the owner holds, in the client's order", () => {
      expect(grantedScopes(undefined, allowed, owner)).toEqual(['read', 'openid']);
    });

    it.each(['', ' ', ',', ' , '])('treats the blank parameter %p as no scope', (blank) => {
      expect(grantedScopes(blank, allowed, owner)).toEqual(['read', 'openid']);
    });

    it('gives an empty set when the client and the owner share no scope (the default never fails)', () => {
      expect(grantedScopes(undefined, ['write'], owner)).toEqual([]);
    });
  });

  describe('with a scope parameter', () => {
    it.each([
      ['read', ['read']],
      ['read openid', ['read', 'openid']],
      ['read,openid', ['read', 'openid']],
      ['openid read', ['openid', 'read']],
      ['read read,read', ['read']],
    ])('gives %p → %p', (requested, expected) => {
      expect(grantedScopes(requested, allowed, owner)).toEqual(expected);
    });

    it('narrows silently to what the owner holds (RFC 6749 §3.3)', () => {
      expect(grantedScopes('read write', allowed, owner)).toEqual(['read']);
    });

    it('refuses an unknown scope, naming it and the known ones', () => {
      expect(refusalOf(() => grantedScopes('read bogus', allowed, owner))).toEqual([
        InvalidScope,
        'invalid_scope',
        `Unknown scope "bogus"; known scopes are: ${ALL_SCOPES.join(' ')}`,
      ]);
    });

    it('names an unknown scope before one the client may not ask for', () => {
      expect(refusalOf(() => grantedScopes('email bogus', allowed, owner))).toEqual([
        InvalidScope,
        'invalid_scope',
        `Unknown scope "bogus"; known scopes are: ${ALL_SCOPES.join(' ')}`,
      ]);
    });

    it('refuses a scope the client may not ask for, even one the owner holds', () => {
      expect(refusalOf(() => grantedScopes('read email', allowed, owner))).toEqual([
        InvalidScope,
        'invalid_scope',
        'This client may not request the scope "email"',
      ]);
    });

    it('refuses when the owner holds none of the requested scopes', () => {
      expect(refusalOf(() => grantedScopes('write', allowed, owner))).toEqual([
        InvalidScope,
        'invalid_scope',
        'None of the requested scopes (write) are held by the account: its roles do not give them; an administrator can give it a role that does',
      ]);
    });
  });

  describe('the account scope', () => {
    const person = ['read', 'account', 'openid'];

    it('is never in the default set of a client acting for itself, which passes its allowed scopes withoutAccount', () => {
      expect(grantedScopes(undefined, withoutAccount(['read', 'account']), person)).toEqual(['read']);
    });

    it('is refused to a client acting for itself that asks for it by name', () => {
      expect(refusalOf(() => grantedScopes('read account', withoutAccount(['read', 'account']), person))).toEqual([
        InvalidScope,
        'invalid_scope',
        'This client may not request the scope "account"',
      ]);
    });

    it('is given when asked for by name, the client allows it and the person holds it', () => {
      expect(grantedScopes('account', ['read', 'account'], person)).toEqual(['account']);
    });

    it('is not given to a person who does not hold it, even when asked for with other scopes', () => {
      expect(grantedScopes('read account', ['read', 'account'], ['read'])).toEqual(['read']);
    });
  });
});

describe(narrowedScopes.name, () => {
  const original = ['read', 'openid', 'account'];

  it('keeps the original scopes when no scope is asked for', () => {
    expect(narrowedScopes(undefined, original)).toEqual(original);
    expect(narrowedScopes('', original)).toEqual(original);
  });

  it('returns a copy, never the original list', () => {
    expect(narrowedScopes(undefined, original)).not.toBe(original);
  });

  it.each([
    ['read', ['read']],
    ['openid,read', ['openid', 'read']],
    ['account', ['account']],
  ])('narrows to %p → %p (RFC 6749 §6)', (requested, expected) => {
    expect(narrowedScopes(requested, original)).toEqual(expected);
  });

  it('refuses to widen, naming the first scope beyond the grant', () => {
    expect(refusalOf(() => narrowedScopes('read write', original))).toEqual([
      InvalidScope,
      'invalid_scope',
      'The scope "write" was not part of the original grant',
    ]);
  });

  it('refuses an unknown scope the same way (it was never granted)', () => {
    expect(refusalOf(() => narrowedScopes('bogus', original))).toEqual([
      InvalidScope,
      'invalid_scope',
      'The scope "bogus" was not part of the original grant',
    ]);
  });

  it('cannot add account to a grant that did not carry it', () => {
    expect(refusalOf(() => narrowedScopes('read account', ['read']))).toEqual([
      InvalidScope,
      'invalid_scope',
      'The scope "account" was not part of the original grant',
    ]);
  });
});

describe(clientCeiling.name, () => {
  const app = { kind: 'app' as const, scopes: ['read', 'openid', 'account'] };

  it('is the client as it stands for the code grant and its refreshes', () => {
    expect(clientCeiling(app, 'authorization_code')).toEqual(['read', 'openid', 'account']);
    expect(clientCeiling({ kind: 'app', scopes: ['openid'] }, 'refresh_token')).toEqual(['openid']);
  });

  it('never holds account for a client acting for itself, application or API user', () => {
    expect(clientCeiling(app, 'client_credentials')).toEqual(['read', 'openid']);
    expect(clientCeiling({ kind: 'api-user', scopes: ['read', 'account'] }, 'client_credentials')).toEqual(['read']);
  });

  it('keeps account for a person acting with their own password (Fusio client credentials, the password grant)', () => {
    expect(clientCeiling({ kind: 'user', scopes: ['read', 'account'] }, 'client_credentials')).toEqual(['read', 'account']);
    expect(clientCeiling({ kind: 'app', scopes: ['read'] }, 'password')).toEqual(['read', 'account']);
  });
});

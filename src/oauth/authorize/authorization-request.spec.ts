import type { Client } from '../../clients/client.entity';
import { ALL_SCOPES } from '../../users/scopes';
import {
  AuthorizationParameters,
  checkAuthorizationRequest,
  RedirectableError,
  redirectWith,
  UntrustedRequest,
} from './authorization-request';

const publicClient = {
  clientId: 'c1',
  name: 'App',
  confidential: false,
  redirectUris: ['https://a.example.com/cb', 'http://tempuri.org/callback?foo=bar'],
  grantTypes: ['authorization_code'],
  scopes: ['read', 'openid', 'account'],
} as Client;
const confidentialClient = { ...publicClient, confidential: true } as Client;
const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const base = {
  client_id: 'c1',
  redirect_uri: 'https://a.example.com/cb',
  response_type: 'code',
  code_challenge: challenge,
  code_challenge_method: 'S256',
  state: 'xyz',
};

/** The parameters as `authorizationParameters` hands them over: empty values dropped, repeated names listed. */
function sent(values: Record<string, string | undefined>, repeated: string[] = []): AuthorizationParameters {
  return { values: Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]))), repeated };
}

/** What the check threw: a page message, or what would go back to the redirect URI. */
function outcomeOf(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    if (error instanceof UntrustedRequest) return { page: error.message };
    if (error instanceof RedirectableError) return { redirect: error.request, error: error.error, description: error.description };
    throw error;
  }
  throw new Error('expected the request to be refused');
}

const redirected = (error: string, description: string, state: string | null = 'xyz') => ({
  redirect: { redirectUri: 'https://a.example.com/cb', state },
  error,
  description,
});

describe(checkAuthorizationRequest.name, () => {
  describe('accepts', () => {
    it('a well-formed request, with everything the code will be bound to', () => {
      const checked = checkAuthorizationRequest(
        sent({ ...base, scope: 'read,openid', nonce: 'n-1', prompt: 'consent', max_age: '300' }),
        publicClient,
      );
      expect(checked).toEqual({
        client: publicClient,
        redirectUri: 'https://a.example.com/cb',
        scopes: ['read', 'openid'],
        state: 'xyz',
        codeChallenge: challenge,
        nonce: 'n-1',
        prompt: new Set(['consent']),
        maxAge: 300,
      });
    });

    it('a request without state, scope, nonce or prompt (null, and no scopes: the defaults)', () => {
      const { state: _state, ...withoutState } = base;
      expect(checkAuthorizationRequest(sent(withoutState), publicClient)).toMatchObject({
        scopes: [],
        state: null,
        nonce: null,
        prompt: new Set(),
      });
    });

    it('a registered redirect URI that carries its own query, matched exactly', () => {
      const checked = checkAuthorizationRequest(sent({ ...base, redirect_uri: 'http://tempuri.org/callback?foo=bar' }), publicClient);
      expect(checked.redirectUri).toBe('http://tempuri.org/callback?foo=bar');
    });

    it('response_mode=query, the only mode there is', () => {
      expect(checkAuthorizationRequest(sent({ ...base, response_mode: 'query' }), publicClient).redirectUri).toBe(base.redirect_uri);
    });
  });

  describe('shows a page and never redirects', () => {
    it.each([
      ['no client_id', { ...base, client_id: undefined }, publicClient, 'The authorization request has no client_id.'],
      ['an unknown client', base, null, 'The application asking for access is not registered here.'],
      ['no redirect_uri', { ...base, redirect_uri: undefined }, publicClient, 'The authorization request has no redirect_uri.'],
      [
        'a redirect URI that differs by a trailing slash',
        { ...base, redirect_uri: 'https://a.example.com/cb/' },
        publicClient,
        'The redirect_uri is not one registered for this application, so Tessera will not send you there.',
      ],
      [
        "a redirect URI without the registered one's query",
        { ...base, redirect_uri: 'http://tempuri.org/callback' },
        publicClient,
        'The redirect_uri is not one registered for this application, so Tessera will not send you there.',
      ],
    ])('for %s', (_case, params, client, message) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent(params), client))).toEqual({ page: message });
    });

    it.each(['client_id', 'redirect_uri'])('when %s was sent more than once (RFC 6749 §3.1)', (name) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent(base, ['state', name]), publicClient))).toEqual({
        page: `The parameter ${name} was sent more than once, so Tessera cannot tell where to answer.`,
      });
    });
  });

  describe('redirects an error for', () => {
    it.each(['code_challenge', 'scope', 'response_type'])('a repeated %s, before looking at the rest', (name) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, response_type: 'token' }, [name]), publicClient))).toEqual(
        redirected('invalid_request', `The parameter ${name} was sent more than once (RFC 6749 §3.1)`),
      );
    });

    it('a repeated state, without a state (it cannot be trusted either)', () => {
      const { state: _dropped, ...values } = base;
      expect(outcomeOf(() => checkAuthorizationRequest(sent(values, ['state']), publicClient))).toEqual(
        redirected('invalid_request', 'The parameter state was sent more than once (RFC 6749 §3.1)', null),
      );
    });

    it.each(['fragment', 'form_post', 'web_message'])('response_mode=%s', (mode) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, response_mode: mode }), publicClient))).toEqual(
        redirected('invalid_request', 'Only response_mode=query is supported'),
      );
    });

    it.each(['-1', '1.5', 'soon', '9999999999'])('max_age=%s (OIDC Core §3.1.2.1: a number of seconds)', (maxAge) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, max_age: maxAge }), publicClient))).toEqual(
        redirected('invalid_request', 'max_age must be a number of seconds'),
      );
    });

    it.each([['token'], ['code id_token'], [undefined]])('response_type=%p', (responseType) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, response_type: responseType }), publicClient))).toEqual(
        redirected('unsupported_response_type', 'Only response_type=code is supported'),
      );
    });

    it('a client not registered for the authorization code grant', () => {
      const machine = { ...confidentialClient, grantTypes: ['client_credentials'] } as Client;
      expect(outcomeOf(() => checkAuthorizationRequest(sent(base), machine))).toEqual(
        redirected('unauthorized_client', 'This client may not use the authorization code grant'),
      );
    });
  });

  describe('PKCE (RFC 7636 §4.3, RFC 9700 §2.1.1)', () => {
    const withoutPkce = { ...base, code_challenge: undefined, code_challenge_method: undefined };

    it('is required of a public client', () => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent(withoutPkce), publicClient))).toEqual(
        redirected('invalid_request', 'PKCE is required for public clients: send code_challenge and code_challenge_method=S256'),
      );
    });

    it('is optional for a confidential client (no challenge to bind)', () => {
      expect(checkAuthorizationRequest(sent(withoutPkce), confidentialClient).codeChallenge).toBeNull();
    });

    it('is not demanded of a public client on the Bearer path, where the code goes straight back to the caller', () => {
      expect(checkAuthorizationRequest(sent(withoutPkce), publicClient, true).codeChallenge).toBeNull();
    });

    it('is still checked on the Bearer path when a challenge is sent', () => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, code_challenge_method: 'plain' }), publicClient, true))).toEqual(
        redirected('invalid_request', 'code_challenge_method must be S256 (plain is not allowed)'),
      );
    });

    it('refuses a method without a challenge, even from a confidential client', () => {
      expect(
        outcomeOf(() => checkAuthorizationRequest(sent({ ...withoutPkce, code_challenge_method: 'S256' }), confidentialClient)),
      ).toEqual(redirected('invalid_request', 'code_challenge_method was sent without a code_challenge'));
    });

    it.each([['plain'], ['s256'], [undefined]])('refuses code_challenge_method=%p', (method) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, code_challenge_method: method }), confidentialClient))).toEqual(
        redirected('invalid_request', 'code_challenge_method must be S256 (plain is not allowed)'),
      );
    });

    it.each([
      ['42 characters', 'a'.repeat(42)],
      ['129 characters', 'a'.repeat(129)],
      ['a character outside the unreserved set', `${'a'.repeat(42)}+`],
    ])('refuses a challenge of %s', (_case, value) => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, code_challenge: value }), publicClient))).toEqual(
        redirected('invalid_request', 'code_challenge must be 43–128 characters of A–Z a–z 0–9 - . _ ~'),
      );
    });

    it.each([
      ['43', 'a'.repeat(43)],
      ['128', `${'A-._~'.repeat(25)}b1c`],
    ])('accepts a challenge of %s unreserved characters', (_length, value) => {
      expect(checkAuthorizationRequest(sent({ ...base, code_challenge: value }), publicClient).codeChallenge).toBe(value);
    });
  });

  describe('scopes', () => {
    it.each([
      ['read openid', ['read', 'openid']],
      ['read,openid', ['read', 'openid']],
      ['openid  read,,openid', ['openid', 'read']],
      ['account', ['account']],
    ])('reads %p as %p', (scope, expected) => {
      expect(checkAuthorizationRequest(sent({ ...base, scope }), publicClient).scopes).toEqual(expected);
    });

    it('refuses an unknown scope, naming the known ones', () => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, scope: 'read nope' }), publicClient))).toEqual(
        redirected('invalid_scope', `Unknown scope "nope"; known scopes are: ${ALL_SCOPES.join(' ')}`),
      );
    });

    it('refuses a scope the client may not ask for', () => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, scope: 'read write' }), publicClient))).toEqual(
        redirected('invalid_scope', 'This client may not request the scope "write"'),
      );
    });

    it('refuses account to a client registered without it', () => {
      const reader = { ...publicClient, scopes: ['read'] } as Client;
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, scope: 'account' }), reader))).toEqual(
        redirected('invalid_scope', 'This client may not request the scope "account"'),
      );
    });
  });

  describe('nonce', () => {
    it('keeps a nonce of 255 characters', () => {
      expect(checkAuthorizationRequest(sent({ ...base, nonce: 'n'.repeat(255) }), publicClient).nonce).toBe('n'.repeat(255));
    });

    it('refuses a nonce of 256 characters (it is stored with the code)', () => {
      expect(outcomeOf(() => checkAuthorizationRequest(sent({ ...base, nonce: 'n'.repeat(256) }), publicClient))).toEqual(
        redirected('invalid_request', 'nonce must be at most 255 characters'),
      );
    });
  });
});

describe(redirectWith.name, () => {
  it("keeps the redirect URI's own query", () => {
    expect(redirectWith('http://tempuri.org/callback?foo=bar', { code: 'abc', state: null })).toBe(
      'http://tempuri.org/callback?foo=bar&code=abc',
    );
  });

  it('leaves out null values and form-encodes the rest', () => {
    expect(redirectWith('https://a.example.com/cb', { error: 'access_denied', error_description: null, state: 's 1&x=y' })).toBe(
      'https://a.example.com/cb?error=access_denied&state=s+1%26x%3Dy',
    );
  });
});

import type { Client } from '../../clients/client.entity';
import { checkAuthorizationRequest, RedirectableError, redirectWith, UntrustedRequest } from './authorization-request';

const client = {
  clientId: 'c1',
  name: 'App',
  confidential: false,
  redirectUris: ['https://a.example.com/cb', 'http://tempuri.org/callback?foo=bar'],
  grantTypes: ['authorization_code'],
  scopes: ['read', 'openid'],
} as Client;
const once = (values: Record<string, string>, repeated: string[] = []) => ({ values, repeated });
const base = {
  client_id: 'c1',
  redirect_uri: 'https://a.example.com/cb',
  response_type: 'code',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
};

describe('checkAuthorizationRequest', () => {
  it('accepts a well-formed request with comma-separated scopes', () => {
    const checked = checkAuthorizationRequest(once({ ...base, scope: 'read,openid', state: 'x' }), client);
    expect(checked).toMatchObject({ scopes: ['read', 'openid'], state: 'x', codeChallenge: base.code_challenge });
  });

  it.each([
    ['an unknown client', { ...base }, null],
    ['a missing redirect URI', { ...base, redirect_uri: '' }, client],
    ['a redirect URI that differs by a trailing slash', { ...base, redirect_uri: 'https://a.example.com/cb/' }, client],
  ])('will not redirect for %s', (_name, params, known) => {
    expect(() => checkAuthorizationRequest(once(params), known)).toThrow(UntrustedRequest);
  });

  it.each([
    ['unsupported_response_type', { response_type: 'token' }],
    ['invalid_request', { code_challenge: '', code_challenge_method: '' }],
    ['invalid_request', { code_challenge_method: 'plain' }],
    ['invalid_request', { code_challenge: 'short' }],
    ['invalid_scope', { scope: 'write' }],
    ['invalid_scope', { scope: 'nope' }],
    ['invalid_request', { nonce: 'n'.repeat(256) }],
    ['invalid_request', { response_mode: 'fragment' }],
    ['invalid_request', { response_mode: 'form_post' }],
  ])('redirects %s for %p', (error, overrides) => {
    const params = Object.fromEntries(Object.entries({ ...base, ...overrides }).filter(([, v]) => v));
    try {
      checkAuthorizationRequest(once(params), client);
      throw new Error('expected a redirectable error');
    } catch (caught) {
      expect(caught).toBeInstanceOf(RedirectableError);
      expect((caught as RedirectableError).error).toBe(error);
    }
  });

  it('will not redirect when client_id or redirect_uri was repeated (RFC 6749 §3.1)', () => {
    expect(() => checkAuthorizationRequest(once(base, ['redirect_uri']), client)).toThrow(/redirect_uri was sent more than once/);
    expect(() => checkAuthorizationRequest(once(base, ['client_id']), client)).toThrow(UntrustedRequest);
  });

  it('redirects invalid_request for any other repeated parameter, without a repeated state', () => {
    try {
      checkAuthorizationRequest(once(base, ['state']), client);
      throw new Error('expected a redirectable error');
    } catch (caught) {
      expect(caught).toMatchObject({ error: 'invalid_request', request: { state: null } });
    }
  });

  it('does not demand PKCE of a public client on the Bearer path', () => {
    expect(
      checkAuthorizationRequest(once({ client_id: 'c1', redirect_uri: 'https://a.example.com/cb', response_type: 'code' }), client, true)
        .codeChallenge,
    ).toBeNull();
  });
});

describe('redirectWith', () => {
  it("keeps the redirect URI's own query", () => {
    expect(redirectWith('http://tempuri.org/callback?foo=bar', { code: 'abc', state: null })).toBe(
      'http://tempuri.org/callback?foo=bar&code=abc',
    );
    expect(redirectWith('https://a.example.com/cb', { error: 'access_denied', state: 's 1' })).toBe(
      'https://a.example.com/cb?error=access_denied&state=s+1',
    );
  });
});

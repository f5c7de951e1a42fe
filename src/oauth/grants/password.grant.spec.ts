import type { PrincipalFactory } from '../../auth/principal.factory';
import { ApiError } from '../../common/errors/api-error';
import type { LoginContext } from '../../users/account-lockout';
import type { Authority } from '../../users/authority';
import type { User } from '../../users/entities/user.entity';
import { ALL_SCOPES } from '../../users/scopes';
import type { PasswordSignIn, SignInOutcome } from '../../auth/two-factor/password-sign-in';
import type { OAuthClient } from '../client-auth/oauth-client';
import { InvalidGrant, InvalidRequest, InvalidScope } from '../errors/oauth-error';
import type { TokenIssue, TokenIssuer } from '../tokens/token-issuer';
import type { TokenResponse } from '../tokens/token-response';
import { PasswordGrant } from './password.grant';

const PASSWORD = 'correct horse battery';
const IP = '198.51.100.7';
const RESPONSE: TokenResponse = { access_token: 'at', token_type: 'Bearer', expires_in: 3600, scope: 'read' };

const carol = (change: Partial<Authority> = {}): Authority => ({
  userId: 'u-carol',
  username: 'carol',
  email: null,
  kind: 'person',
  disabled: false,
  twoFactorRequired: false,
  roles: ['Consumer'],
  scopes: ['read', 'account', 'openid', 'email'],
  access: { full: false, databases: {} },
  ...change,
});

const client: OAuthClient = {
  id: 'app-1',
  kind: 'app',
  name: 'Mobile',
  confidential: true,
  method: 'client_secret_post',
  grantTypes: ['password', 'refresh_token'],
  scopes: ['read', 'write', 'openid'],
  ownerId: 'u-owner',
  accessTokenTtl: null,
  refreshTokenTtl: null,
  clientCredentialsRefresh: false,
  redirectUris: [],
  introspection: false,
};

class FakeSignIns implements Pick<PasswordSignIn, 'signIn'> {
  readonly checks: [string, string, string | undefined, LoginContext | undefined][] = [];

  async signIn(username: string, password: string, code: string | undefined, context?: LoginContext): Promise<SignInOutcome> {
    this.checks.push([username, password, code, context]);
    if (username !== 'carol' || password !== PASSWORD) return { user: null, refusal: 'credentials' };
    return { user: { id: 'u-carol', username: 'carol' } as User, amr: ['pwd'] };
  }
}

class FakeIssuer implements Pick<TokenIssuer, 'issue'> {
  readonly issued: TokenIssue[] = [];

  async issue(issue: TokenIssue): Promise<TokenResponse> {
    this.issued.push(issue);
    return RESPONSE;
  }
}

function setUp(authority: Authority | null = carol()) {
  const users = new FakeSignIns();
  const issuer = new FakeIssuer();
  const principals: Pick<PrincipalFactory, 'authorityOf'> = {
    authorityOf: async (userId: string) => (userId === 'u-carol' ? authority : null),
  };
  const grant = new PasswordGrant(
    users as unknown as PasswordSignIn,
    principals as unknown as PrincipalFactory,
    issuer as unknown as TokenIssuer,
  );
  return { grant, users, issuer };
}

const request = (params: Record<string, string> = {}, by: OAuthClient = client) => ({
  params: { grant_type: 'password', username: 'carol', password: PASSWORD, ...params },
  client: by,
  ip: IP,
});

/** The refusal as the client reads it: the error class, the OAuth code and the description. */
async function refusalOf(promise: Promise<unknown>): Promise<unknown[]> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw error;
  return [error.constructor, error.code, error.message];
}

describe(PasswordGrant.name, () => {
  it('serves the password grant, whose password is a parameter, never a client credential', () => {
    expect(PasswordGrant.grantType).toBe('password');
    expect(setUp().grant.takesPersonCredentials).toBe(false);
  });

  describe('issues', () => {
    it("the person's token, checking the password through the users module (no consent is recorded: R08)", async () => {
      const { grant, users, issuer } = setUp();
      expect(await grant.handle(request())).toBe(RESPONSE);
      expect(users.checks).toEqual([['carol', PASSWORD, undefined, { ip: IP, channel: 'oauth-password' }]]);
      expect(issuer.issued).toEqual([
        {
          client,
          grantType: 'password',
          userId: 'u-carol',
          actsAsClient: false,
          scopes: ['read', 'openid', 'account'],
          grantId: null,
          ip: IP,
          authTime: expect.any(Date),
          withRefreshToken: true,
        },
      ]);
    });

    it('no refresh token to a client not registered for refresh_token', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request({}, { ...client, grantTypes: ['password'] }));
      expect(issuer.issued[0].withRefreshToken).toBe(false);
    });

    it('the scopes asked for, narrowed to what the person holds', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request({ scope: 'read write' }));
      expect(issuer.issued[0].scopes).toEqual(['read']);
    });
  });

  describe('the account scope (the person handed over the password itself)', () => {
    it("is included by default when the person's role carries it, though the client is not registered for it", async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request());
      expect(issuer.issued[0].scopes).toContain('account');
    });

    it('is given when asked for by name', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request({ scope: 'account' }));
      expect(issuer.issued[0].scopes).toEqual(['account']);
    });

    it('is not given to a person whose role lacks it', async () => {
      const { grant, issuer } = setUp(carol({ scopes: ['read'] }));
      await grant.handle(request());
      expect(issuer.issued[0].scopes).toEqual(['read']);
    });
  });

  describe('refuses, issuing nothing,', () => {
    it.each(['username', 'password'])('a request without %s', async (name) => {
      const { grant, users, issuer } = setUp();
      const params: Record<string, string> = { ...request().params };
      delete params[name];
      expect(await refusalOf(grant.handle({ ...request(), params }))).toEqual([
        InvalidRequest,
        'invalid_request',
        `The parameter "${name}" is required`,
      ]);
      expect(users.checks).toEqual([]);
      expect(issuer.issued).toEqual([]);
    });

    it.each([
      ['a wrong password', { password: 'wrong' }, carol()],
      ['an unknown user', { username: 'mallory' }, carol()],
      ['a person disabled after the password check', {}, carol({ disabled: true })],
      ['a person deleted after the password check', {}, null],
    ])('%s, in the one sentence that tells nothing apart', async (_case, params, authority) => {
      const { grant, issuer } = setUp(authority);
      expect(await refusalOf(grant.handle(request(params)))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The username or password is wrong, or the account is locked or disabled',
      ]);
      expect(issuer.issued).toEqual([]);
    });

    it.each([
      ['an unknown scope', 'read nope', `Unknown scope "nope"; known scopes are: ${ALL_SCOPES.join(' ')}`],
      ['a scope the client is not registered for', 'email', 'This client may not request the scope "email"'],
      [
        'only scopes the person does not hold',
        'write',
        'None of the requested scopes (write) are held by the account: its roles do not give them; an administrator can give it a role that does',
      ],
    ])('%s', async (_case, scope, description) => {
      const { grant, issuer } = setUp();
      expect(await refusalOf(grant.handle(request({ scope })))).toEqual([InvalidScope, 'invalid_scope', description]);
      expect(issuer.issued).toEqual([]);
    });

    it('account asked for by a person whose role lacks it', async () => {
      const { grant } = setUp(carol({ scopes: ['read'] }));
      expect(await refusalOf(grant.handle(request({ scope: 'account' })))).toEqual([
        InvalidScope,
        'invalid_scope',
        'None of the requested scopes (account) are held by the account: its roles do not give them; an administrator can give it a role that does',
      ]);
    });
  });
});

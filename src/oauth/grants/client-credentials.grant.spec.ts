import type { PrincipalFactory } from '../../auth/principal.factory';
import { ApiError } from '../../common/errors/api-error';
import type { Authority } from '../../users/authority';
import { ALL_SCOPES } from '../../users/scopes';
import type { OAuthClient } from '../client-auth/oauth-client';
import { InvalidScope, UnauthorizedClient } from '../errors/oauth-error';
import type { TokenIssue, TokenIssuer } from '../tokens/token-issuer';
import type { TokenResponse } from '../tokens/token-response';
import { ClientCredentialsGrant } from './client-credentials.grant';

const IP = '198.51.100.7';
const RESPONSE: TokenResponse = { access_token: 'at', token_type: 'Bearer', expires_in: 3600, scope: 'read' };

const owner = (change: Partial<Authority> = {}): Authority => ({
  userId: 'u-owner',
  username: 'olga',
  email: null,
  kind: 'person',
  disabled: false,
  twoFactorRequired: false,
  roles: ['Consumer'],
  scopes: ['read', 'write', 'account', 'openid'],
  access: { full: false, databases: { '01': 'write' } },
  ...change,
});

const app: OAuthClient = {
  id: 'app-1',
  kind: 'app',
  name: 'Sync job',
  confidential: true,
  method: 'client_secret_basic',
  grantTypes: ['client_credentials'],
  scopes: ['read', 'write', 'account', 'admin'],
  ownerId: 'u-owner',
  accessTokenTtl: null,
  refreshTokenTtl: null,
  clientCredentialsRefresh: false,
  redirectUris: [],
  introspection: false,
};
const apiUser: OAuthClient = { ...app, id: 'reporter', kind: 'api-user', name: 'reporter', scopes: ['read', 'account'] };
/** A person whose `username:password` was sent as client credentials (as Fusio's clients send a username and password). */
const person: OAuthClient = { ...app, id: 'olga', kind: 'user', name: 'olga', scopes: ['read', 'write', 'account', 'openid'] };

class FakeIssuer implements Pick<TokenIssuer, 'issue'> {
  readonly issued: TokenIssue[] = [];

  async issue(issue: TokenIssue): Promise<TokenResponse> {
    this.issued.push(issue);
    return RESPONSE;
  }
}

function setUp(authority: Authority | null = owner()) {
  const issuer = new FakeIssuer();
  const principals: Pick<PrincipalFactory, 'authorityOf'> = {
    authorityOf: async (userId: string) => (userId === 'u-owner' ? authority : null),
  };
  const grant = new ClientCredentialsGrant(principals as unknown as PrincipalFactory, issuer as unknown as TokenIssuer);
  return { grant, issuer };
}

const request = (client: OAuthClient, scope?: string) => ({
  params: { grant_type: 'client_credentials', ...(scope === undefined ? {} : { scope }) },
  client,
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

describe(ClientCredentialsGrant.name, () => {
  it("serves the client_credentials grant and takes a person's credentials (as Fusio's clients send a username and password)", () => {
    expect(ClientCredentialsGrant.grantType).toBe('client_credentials');
    expect(setUp().grant.takesPersonCredentials).toBe(true);
  });

  describe('an application acting for itself', () => {
    it("gets a token whose subject is the client, acting with its owner's rights, without a grant or refresh token", async () => {
      const { grant, issuer } = setUp();
      expect(await grant.handle(request(app, 'read write'))).toBe(RESPONSE);
      expect(issuer.issued).toEqual([
        {
          client: app,
          grantType: 'client_credentials',
          userId: 'u-owner',
          actsAsClient: true,
          scopes: ['read', 'write'],
          grantId: null,
          ip: IP,
          withRefreshToken: false,
        },
      ]);
    });

    it('gets by default its allowed scopes the owner holds, never account, and never a scope the owner lacks', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request(app));
      expect(issuer.issued[0].scopes).toEqual(['read', 'write']);
    });

    it('is refused account asked for by name, though both the client and its owner carry it', async () => {
      const { grant, issuer } = setUp();
      expect(await refusalOf(grant.handle(request(app, 'read account')))).toEqual([
        InvalidScope,
        'invalid_scope',
        'This client may not request the scope "account"',
      ]);
      expect(issuer.issued).toEqual([]);
    });

    it('gets a refresh token when it was registered to', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request({ ...app, clientCredentialsRefresh: true }));
      expect(issuer.issued[0].withRefreshToken).toBe(true);
    });
  });

  describe('an API user', () => {
    it('gets a token acting for itself, with its scopes but never account', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request(apiUser));
      expect(issuer.issued[0]).toMatchObject({ client: apiUser, actsAsClient: true, scopes: ['read'], withRefreshToken: false });
    });
  });

  describe("a person's username and password", () => {
    it("gets the person's own token with a refresh token, account included, dated now", async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request(person));
      expect(issuer.issued).toEqual([
        {
          client: person,
          grantType: 'client_credentials',
          userId: 'u-owner',
          actsAsClient: false,
          scopes: ['read', 'write', 'account', 'openid'],
          grantId: null,
          ip: IP,
          authTime: expect.any(Date),
          withRefreshToken: true,
        },
      ]);
    });

    it('is narrowed to the scope asked for', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request(person, 'read,account'));
      expect(issuer.issued[0].scopes).toEqual(['read', 'account']);
    });
  });

  describe('refuses', () => {
    it.each([
      ['a client without an owner', { ...app, ownerId: null }, owner()],
      ['a client whose owner is gone', app, null],
      ['a client whose owner is disabled', app, owner({ disabled: true })],
    ])('%s', async (_case, client, authority) => {
      const { grant, issuer } = setUp(authority);
      expect(await refusalOf(grant.handle(request(client)))).toEqual([
        UnauthorizedClient,
        'unauthorized_client',
        'The account this client acts for is disabled or gone',
      ]);
      expect(issuer.issued).toEqual([]);
    });

    it('an unknown scope', async () => {
      const { grant } = setUp();
      expect(await refusalOf(grant.handle(request(app, 'read everything')))).toEqual([
        InvalidScope,
        'invalid_scope',
        `Unknown scope "everything"; known scopes are: ${ALL_SCOPES.join(' ')}`,
      ]);
    });

    it('a scope the client is not registered for', async () => {
      const { grant } = setUp();
      expect(await refusalOf(grant.handle(request(app, 'openid')))).toEqual([
        InvalidScope,
        'invalid_scope',
        'This client may not request the scope "openid"',
      ]);
    });

    it('a scope only the client holds, not its owner', async () => {
      const { grant } = setUp();
      expect(await refusalOf(grant.handle(request(app, 'admin')))).toEqual([
        InvalidScope,
        'invalid_scope',
        'None of the requested scopes (admin) are held by the account: its roles do not give them; an administrator can give it a role that does',
      ]);
    });
  });
});

import type { AuditRecord, AuditService } from '../../audit/audit.service';
import type { PrincipalFactory } from '../../auth/principal.factory';
import { ApiError } from '../../common/errors/api-error';
import type { TesseraConfig } from '../../config/tessera-config';
import type { Authority } from '../../users/authority';
import { AuthorizationCodesService, Consumption, s256 } from '../authorize/authorization-codes.service';
import type { OAuthClient } from '../client-auth/oauth-client';
import type { AuthorizationCode } from '../entities/authorization-code.entity';
import { InvalidGrant, InvalidRequest } from '../errors/oauth-error';
import type { GrantsService, NewGrant } from '../tokens/grants.service';
import type { RevocationFeed } from '../tokens/revocation-feed.service';
import type { TokenIssue, TokenIssuer } from '../tokens/token-issuer';
import type { TokenResponse } from '../tokens/token-response';
import { AuthorizationCodeGrant } from './authorization-code.grant';

const CODE = 'the-code';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const REDIRECT_URI = 'https://planner.example.com/cb';
const AUTH_TIME = new Date('2025-03-01T09:00:00Z');
const IP = '198.51.100.7';
const RESPONSE: TokenResponse = { access_token: 'at', token_type: 'Bearer', expires_in: 3600, scope: 'read' };

const client: OAuthClient = {
  id: 'app-1',
  kind: 'app',
  name: 'Planner',
  confidential: true,
  method: 'client_secret_basic',
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['read', 'openid', 'account'],
  ownerId: 'u-owner',
  accessTokenTtl: null,
  refreshTokenTtl: null,
  clientCredentialsRefresh: false,
  redirectUris: [REDIRECT_URI],
  introspection: false,
};

const issuedCode = (): AuthorizationCode => ({
  codeHash: 'hash-of-the-code',
  clientId: 'app-1',
  userId: 'u-carol',
  redirectUri: REDIRECT_URI,
  scopes: ['read', 'openid', 'account'],
  codeChallenge: s256(VERIFIER),
  codeChallengeMethod: 'S256',
  nonce: 'n-1',
  authTime: AUTH_TIME,
  amr: 'pwd otp',
  expiresAt: new Date(Date.now() + 60_000),
  consumedAt: null,
  grantId: null,
  mintedByGrant: null,
  createdAt: new Date(),
});

const carol = (change: Partial<Authority> = {}): Authority => ({
  userId: 'u-carol',
  username: 'carol',
  email: null,
  kind: 'person',
  disabled: false,
  roles: ['Consumer'],
  twoFactorRequired: false,
  scopes: ['read', 'openid', 'account', 'email'],
  access: { full: false, databases: {} },
  ...change,
});

/** The code table: one row; `consume` is the conditional UPDATE, or the update a concurrent exchange won. */
class FakeCodes implements Pick<AuthorizationCodesService, 'find' | 'consume'> {
  row: AuthorizationCode | null = issuedCode();
  /** A concurrent exchange consumed the code between `find` and `consume`, and issued this grant. */
  concurrentWinner: string | null = null;
  consumptions = 0;

  async find(code: string): Promise<AuthorizationCode | null> {
    return code === CODE && this.row ? { ...this.row } : null;
  }

  async consume(code: AuthorizationCode): Promise<Consumption> {
    this.consumptions++;
    if (this.concurrentWinner) return { kind: 'replayed', code: { ...code, consumedAt: new Date(), grantId: this.concurrentWinner } };
    this.row = { ...code, consumedAt: new Date(), grantId: 'g-1' };
    return { kind: 'consumed', code, grantId: 'g-1' };
  }
}

class FakeGrants implements Pick<GrantsService, 'create' | 'revoke'> {
  readonly created: [NewGrant, string | undefined][] = [];
  readonly revoked: string[] = [];

  async create(input: NewGrant, id?: string): ReturnType<GrantsService['create']> {
    this.created.push([input, id]);
    return { id } as Awaited<ReturnType<GrantsService['create']>>;
  }

  async revoke(grantId: string): Promise<boolean> {
    this.revoked.push(grantId);
    return true;
  }
}

class FakeIssuer implements Pick<TokenIssuer, 'issue'> {
  readonly issued: TokenIssue[] = [];

  async issue(issue: TokenIssue): Promise<TokenResponse> {
    this.issued.push(issue);
    return RESPONSE;
  }
}

function setUp(options: { owner?: Authority | null; publicClientRefreshTokens?: boolean } = {}) {
  const codes = new FakeCodes();
  const grants = new FakeGrants();
  const issuer = new FakeIssuer();
  const audits: AuditRecord[] = [];
  const owner = options.owner === undefined ? carol() : options.owner;
  const principals: Pick<PrincipalFactory, 'authorityOf'> = {
    authorityOf: async (userId: string) => (userId === 'u-carol' ? owner : null),
  };
  const config = { oauth: { publicClientRefreshTokens: options.publicClientRefreshTokens ?? false } } as TesseraConfig;
  const grant = new AuthorizationCodeGrant(
    codes as unknown as AuthorizationCodesService,
    grants as unknown as GrantsService,
    principals as unknown as PrincipalFactory,
    issuer as unknown as TokenIssuer,
    { record: async (record: AuditRecord) => void audits.push(record) } satisfies Pick<AuditService, 'record'> as unknown as AuditService,
    { endsUserAt: () => false } satisfies Pick<RevocationFeed, 'endsUserAt'> as unknown as RevocationFeed,
    config,
  );
  return { grant, codes, grants, issuer, audits };
}

const exchange = (params: Record<string, string> = {}, by: OAuthClient = client) => ({
  params: { grant_type: 'authorization_code', code: CODE, redirect_uri: REDIRECT_URI, code_verifier: VERIFIER, ...params },
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

describe(AuthorizationCodeGrant.name, () => {
  it('serves the authorization_code grant and takes no person credentials', () => {
    expect(AuthorizationCodeGrant.grantType).toBe('authorization_code');
    expect(setUp().grant.takesPersonCredentials).toBe(false);
  });

  describe('exchanges a code', () => {
    it("for the person's tokens, in the grant the code's consumption started, with the id token's nonce and auth_time", async () => {
      const { grant, grants, issuer } = setUp();
      expect(await grant.handle(exchange())).toBe(RESPONSE);
      expect(grants.created).toEqual([
        [
          {
            grantType: 'authorization_code',
            clientId: 'app-1',
            userId: 'u-carol',
            subject: 'u-carol',
            scopes: ['read', 'openid', 'account'],
            nonce: 'n-1',
            authTime: AUTH_TIME,
            mintedByGrant: null,
          },
          'g-1',
        ],
      ]);
      expect(issuer.issued).toEqual([
        {
          client,
          grantType: 'authorization_code',
          userId: 'u-carol',
          actsAsClient: false,
          scopes: ['read', 'openid', 'account'],
          grantId: 'g-1',
          ip: IP,
          withRefreshToken: true,
          idToken: { nonce: 'n-1', authTime: AUTH_TIME, amr: ['pwd', 'otp'] },
        },
      ]);
    });

    it('consumes the code, so it is single use', async () => {
      const { grant, codes } = setUp();
      await grant.handle(exchange());
      expect(codes.row).toMatchObject({ consumedAt: expect.any(Date), grantId: 'g-1' });
    });

    it('narrows the scopes to what the person holds now (a role lost since the consent)', async () => {
      const { grant, issuer, grants } = setUp({ owner: carol({ scopes: ['read'] }) });
      await grant.handle(exchange());
      expect(grants.created[0][0].scopes).toEqual(['read']);
      expect(issuer.issued[0].scopes).toEqual(['read']);
    });

    it('accepts a code issued without a challenge when no code_verifier is sent', async () => {
      const { grant, codes, issuer } = setUp();
      codes.row = { ...issuedCode(), codeChallenge: null, codeChallengeMethod: null };
      const { code_verifier: _none, ...params } = exchange().params;
      await grant.handle({ ...exchange(), params });
      expect(issuer.issued).toHaveLength(1);
    });
  });

  describe('refresh tokens (a public client gets none unless the deployment allows it)', () => {
    const publicClient: OAuthClient = { ...client, confidential: false, method: 'none' };

    it.each([
      ['a confidential client registered for refresh_token', true, client, false],
      ['a confidential client not registered for refresh_token', false, { ...client, grantTypes: ['authorization_code'] }, false],
      ['a public client', false, publicClient, false],
      ['a public client where the deployment allows it', true, publicClient, true],
      [
        'a public client not registered for refresh_token, whatever the deployment',
        false,
        { ...publicClient, grantTypes: ['authorization_code'] },
        true,
      ],
    ])('%s → %p', async (_case, withRefreshToken, by, publicClientRefreshTokens) => {
      const { grant, issuer } = setUp({ publicClientRefreshTokens });
      await grant.handle(exchange({}, by));
      expect(issuer.issued[0].withRefreshToken).toBe(withRefreshToken);
    });
  });

  describe('refuses', () => {
    it.each([
      ['code', 'The parameter "code" is required'],
      ['redirect_uri', 'The parameter "redirect_uri" is required'],
    ])('a request without %s', async (name, description) => {
      const { grant, issuer } = setUp();
      const params: Record<string, string> = { ...exchange().params };
      delete params[name];
      expect(await refusalOf(grant.handle({ ...exchange(), params }))).toEqual([InvalidRequest, 'invalid_request', description]);
      expect(issuer.issued).toEqual([]);
    });

    it('an unknown code', async () => {
      const { grant } = setUp();
      expect(await refusalOf(grant.handle(exchange({ code: 'another-code' })))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The authorization code is invalid or was issued to another client',
      ]);
    });

    it("another client's code, in the same words, without consuming it", async () => {
      const { grant, codes } = setUp();
      expect(await refusalOf(grant.handle(exchange({}, { ...client, id: 'app-2' })))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The authorization code is invalid or was issued to another client',
      ]);
      expect(codes.consumptions).toBe(0);
    });

    it('an expired code', async () => {
      const { grant, codes, issuer } = setUp();
      codes.row = { ...issuedCode(), expiresAt: new Date(Date.now() - 1) };
      expect(await refusalOf(grant.handle(exchange()))).toEqual([InvalidGrant, 'invalid_grant', 'The authorization code has expired']);
      expect(issuer.issued).toEqual([]);
    });

    it('a redirect_uri other than the one of the authorization request', async () => {
      const { grant } = setUp();
      expect(await refusalOf(grant.handle(exchange({ redirect_uri: `${REDIRECT_URI}/` })))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The redirect_uri does not match the one of the authorization request',
      ]);
    });

    it.each([
      ['no code_verifier', { code_verifier: '' }, 'The code_verifier is required (PKCE)'],
      ['a wrong code_verifier', { code_verifier: VERIFIER.replace('d', 'e') }, 'The code_verifier does not match the code_challenge'],
      ['a code_verifier that is too short', { code_verifier: 'abc' }, 'The code_verifier does not match the code_challenge'],
      ['the challenge itself as verifier', { code_verifier: s256(VERIFIER) }, 'The code_verifier does not match the code_challenge'],
    ])('%s for a code issued with a challenge (RFC 7636 §4.6)', async (_case, params, description) => {
      const { grant, issuer } = setUp();
      const values = Object.fromEntries(Object.entries(exchange(params).params).filter(([, value]) => value));
      expect(await refusalOf(grant.handle({ ...exchange(), params: values }))).toEqual([InvalidGrant, 'invalid_grant', description]);
      expect(issuer.issued).toEqual([]);
    });

    it('a code_verifier for a code issued without a challenge (a PKCE downgrade, RFC 9700 §4.8.2)', async () => {
      const { grant, codes } = setUp();
      codes.row = { ...issuedCode(), codeChallenge: null, codeChallengeMethod: null };
      expect(await refusalOf(grant.handle(exchange()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'A code_verifier was sent but the authorization request had no code_challenge',
      ]);
    });

    it.each([
      ['disabled', carol({ disabled: true })],
      ['deleted', null],
    ])('a code whose person was %s since, issuing nothing', async (_case, owner) => {
      const { grant, grants, issuer } = setUp({ owner });
      expect(await refusalOf(grant.handle(exchange()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The account that authorized this code is disabled',
      ]);
      expect(grants.created).toEqual([]);
      expect(issuer.issued).toEqual([]);
    });
  });

  describe('a replayed code (RFC 6749 §4.1.2)', () => {
    it('is refused, revokes the grant its first use started, and is audited', async () => {
      const { grant, grants, issuer, audits } = setUp();
      await grant.handle(exchange());
      expect(await refusalOf(grant.handle(exchange()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The authorization code was already used; the tokens issued for it have been revoked',
      ]);
      expect(grants.revoked).toEqual(['g-1']);
      expect(issuer.issued).toHaveLength(1);
      expect(audits).toEqual([
        { event: 'code.replayed', outcome: 'failure', actorId: 'u-carol', clientId: 'app-1', target: 'g-1', ip: IP },
      ]);
    });

    it('still revokes when it comes back after the code expired', async () => {
      const { grant, codes, grants } = setUp();
      codes.row = { ...issuedCode(), expiresAt: new Date(Date.now() - 1), consumedAt: new Date(), grantId: 'g-1' };
      expect(await refusalOf(grant.handle(exchange()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The authorization code was already used; the tokens issued for it have been revoked',
      ]);
      expect(grants.revoked).toEqual(['g-1']);
    });

    it('is refused when a concurrent exchange consumed it first, revoking what that one issued', async () => {
      const { grant, codes, grants, issuer, audits } = setUp();
      codes.concurrentWinner = 'g-winner';
      expect(await refusalOf(grant.handle(exchange()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The authorization code was already used; the tokens issued for it have been revoked',
      ]);
      expect(grants.revoked).toEqual(['g-winner']);
      expect(grants.created).toEqual([]);
      expect(issuer.issued).toEqual([]);
      expect(audits).toMatchObject([{ event: 'code.replayed', target: 'g-winner' }]);
    });

    it('revokes nothing for another client, which learns only that the code is invalid', async () => {
      const { grant, grants, audits } = setUp();
      await grant.handle(exchange());
      expect(await refusalOf(grant.handle(exchange({}, { ...client, id: 'app-2' })))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The authorization code is invalid or was issued to another client',
      ]);
      expect(grants.revoked).toEqual([]);
      expect(audits).toEqual([]);
    });
  });
});

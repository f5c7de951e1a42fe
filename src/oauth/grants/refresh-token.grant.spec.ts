import type { AuditRecord, AuditService } from '../../audit/audit.service';
import { ApiError } from '../../common/errors/api-error';
import type { Authority } from '../../users/authority';
import type { OAuthClient } from '../client-auth/oauth-client';
import type { Grant } from '../entities/grant.entity';
import type { RefreshToken } from '../entities/refresh-token.entity';
import { InvalidGrant, InvalidRequest, InvalidScope } from '../errors/oauth-error';
import type { GrantsService } from '../tokens/grants.service';
import type { RefreshTokenCheck, RefreshTokenVerdict } from '../tokens/refresh-token.check';
import type { RefreshTokensService, RotationOutcome } from '../tokens/refresh-tokens.service';
import type { TokenIssue, TokenIssuer } from '../tokens/token-issuer';
import type { TokenResponse } from '../tokens/token-response';
import { RefreshTokenGrant } from './refresh-token.grant';

const PRESENTED = 'trt_presented';
const IP = '198.51.100.7';
const EXPIRES_AT = new Date('2030-01-01T00:00:00Z');
const RESPONSE: TokenResponse = { access_token: 'at', token_type: 'Bearer', expires_in: 3600, scope: 'read', refresh_token: 'trt_next' };

const client: OAuthClient = {
  id: 'app-1',
  kind: 'app',
  name: 'Planner',
  confidential: true,
  method: 'client_secret_basic',
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['read', 'write', 'openid', 'account'],
  ownerId: 'u-owner',
  accessTokenTtl: null,
  refreshTokenTtl: null,
  clientCredentialsRefresh: false,
  redirectUris: [],
  introspection: false,
};

const refreshToken = (change: Partial<RefreshToken> = {}): RefreshToken => ({
  tokenHash: 'hash-of-presented',
  grantId: 'g-1',
  clientId: 'app-1',
  userId: 'u-carol',
  scopes: ['read', 'openid', 'account'],
  expiresAt: EXPIRES_AT,
  idleExpiresAt: EXPIRES_AT,
  rotatedAt: null,
  revokedAt: null,
  createdAt: new Date('2025-03-01T09:00:00Z'),
  ...change,
});
const codeGrant = { id: 'g-1', subject: 'u-carol', grantType: 'authorization_code', clientId: 'app-1', userId: 'u-carol' } as Grant;
const carol = (change: Partial<Authority> = {}): Authority => ({
  userId: 'u-carol',
  username: 'carol',
  email: null,
  kind: 'person',
  disabled: false,
  twoFactorRequired: false,
  roles: ['Consumer'],
  scopes: ['read', 'openid', 'account'],
  access: { full: false, databases: {} },
  ...change,
});
const usable = (change: Partial<Extract<RefreshTokenVerdict, { kind: 'usable' }>> = {}): RefreshTokenVerdict => ({
  kind: 'usable',
  token: refreshToken(),
  grant: codeGrant,
  owner: carol(),
  ...change,
});
const rotated = (token = refreshToken({ rotatedAt: new Date() })): RefreshTokenVerdict => ({ kind: 'rotated', token });

/**
 * The refresh-token table as the grant sees it: `rotate` is the conditional UPDATE (or the one a
 * concurrent request won), `hasSuccessor` whether that winner has already issued the next token.
 */
class FakeRefreshTokens implements Pick<RefreshTokensService, 'rotate' | 'hasSuccessor'> {
  rotation: 'wins' | 'loses' = 'wins';
  successorIssued = true;
  readonly rotated: RefreshToken[] = [];

  async rotate(token: RefreshToken): Promise<RotationOutcome> {
    if (this.rotation === 'loses') return { kind: 'reused', token: { ...token, rotatedAt: new Date() } };
    this.rotated.push(token);
    return { kind: 'rotated', token };
  }

  async hasSuccessor(token: RefreshToken): Promise<boolean> {
    return Boolean(token.rotatedAt) && this.successorIssued;
  }
}

class FakeIssuer implements Pick<TokenIssuer, 'issue'> {
  readonly issued: TokenIssue[] = [];

  async issue(issue: TokenIssue): Promise<TokenResponse> {
    this.issued.push(issue);
    return RESPONSE;
  }
}

function setUp(verdict: RefreshTokenVerdict = usable()) {
  const checked: string[] = [];
  const check: Pick<RefreshTokenCheck, 'check'> = { check: async (presented: string) => (checked.push(presented), verdict) };
  const refreshTokens = new FakeRefreshTokens();
  const revoked: string[] = [];
  const issuer = new FakeIssuer();
  const audits: AuditRecord[] = [];
  const grant = new RefreshTokenGrant(
    check as unknown as RefreshTokenCheck,
    refreshTokens as unknown as RefreshTokensService,
    { revoke: async (grantId: string) => (revoked.push(grantId), true) } satisfies Pick<
      GrantsService,
      'revoke'
    > as unknown as GrantsService,
    issuer as unknown as TokenIssuer,
    { record: async (record: AuditRecord) => void audits.push(record) } satisfies Pick<AuditService, 'record'> as unknown as AuditService,
  );
  return { grant, checked, refreshTokens, revoked, issuer, audits };
}

const request = (params: Record<string, string> = {}, by: OAuthClient = client) => ({
  params: { grant_type: 'refresh_token', refresh_token: PRESENTED, ...params },
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

const REUSED = 'The refresh token was already used; every token of this grant has been revoked';

describe(RefreshTokenGrant.name, () => {
  it("serves the refresh_token grant and takes a person's credentials (as Fusio's clients send a username and password)", () => {
    expect(RefreshTokenGrant.grantType).toBe('refresh_token');
    expect(setUp().grant.takesPersonCredentials).toBe(true);
  });

  describe('refreshes', () => {
    it('by rotating the token and issuing new ones in the same grant, keeping its absolute expiry', async () => {
      const { grant, checked, refreshTokens, issuer } = setUp();
      expect(await grant.handle(request())).toBe(RESPONSE);
      expect(checked).toEqual([PRESENTED]);
      expect(refreshTokens.rotated).toEqual([refreshToken()]);
      expect(issuer.issued).toEqual([
        {
          client,
          grantType: 'refresh_token',
          userId: 'u-carol',
          actsAsClient: false,
          scopes: ['read', 'openid', 'account'],
          grantId: 'g-1',
          withRefreshToken: true,
          refreshScopes: ['read', 'openid', 'account'],
          refreshExpiresAt: EXPIRES_AT,
          ip: IP,
        },
      ]);
    });

    it('narrows the access token to the scope asked for, while the refresh token keeps the grant (RFC 6749 §6)', async () => {
      const { grant, issuer } = setUp();
      await grant.handle(request({ scope: 'read' }));
      expect(issuer.issued[0]).toMatchObject({ scopes: ['read'], refreshScopes: ['read', 'openid', 'account'] });
    });

    it('narrows the access token to what the person holds now', async () => {
      const { grant, issuer } = setUp(usable({ owner: carol({ scopes: ['read'] }) }));
      await grant.handle(request());
      expect(issuer.issued[0]).toMatchObject({ scopes: ['read'], refreshScopes: ['read', 'openid', 'account'] });
    });

    it('acts as the client again for a grant whose subject is the client (client credentials)', async () => {
      const machineGrant = { ...codeGrant, subject: 'app-1', grantType: 'client_credentials' } as Grant;
      const { grant, issuer } = setUp(usable({ grant: machineGrant }));
      await grant.handle(request({}, { ...client, grantTypes: [...client.grantTypes, 'client_credentials'] }));
      expect(issuer.issued[0].actsAsClient).toBe(true);
    });
  });

  describe('refuses, rotating and revoking nothing,', () => {
    it('a chain started with a grant type the application may no longer use (review A9)', async () => {
      const passwordChain = { ...codeGrant, grantType: 'password' } as Grant;
      const { grant, refreshTokens } = setUp(usable({ grant: passwordChain }));
      expect(await refusalOf(grant.handle(request()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'This client may no longer use the password grant this refresh token continues',
      ]);
      expect(refreshTokens.rotated).toEqual([]);
    });

    it('a request without refresh_token', async () => {
      const { grant, checked } = setUp();
      expect(await refusalOf(grant.handle({ ...request(), params: { grant_type: 'refresh_token' } }))).toEqual([
        InvalidRequest,
        'invalid_request',
        'The parameter "refresh_token" is required',
      ]);
      expect(checked).toEqual([]);
    });

    it.each([
      ['an unknown token', { kind: 'unusable', token: null, reason: 'The refresh token is invalid' } as RefreshTokenVerdict],
      ["another client's usable token", usable({ token: refreshToken({ clientId: 'app-2' }) })],
      [
        "another client's used token (no reuse detection on its grant)",
        rotated(refreshToken({ clientId: 'app-2', rotatedAt: new Date() })),
      ],
    ])('%s, in the same words', async (_case, verdict) => {
      const { grant, refreshTokens, revoked, issuer, audits } = setUp(verdict);
      expect(await refusalOf(grant.handle(request()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The refresh token is invalid or was issued to another client',
      ]);
      expect([refreshTokens.rotated, revoked, issuer.issued, audits]).toEqual([[], [], [], []]);
    });

    it.each(['The refresh token is expired', 'The refresh token is revoked', 'The grant was revoked or its account disabled'])(
      'an unusable token, saying why: %s',
      async (reason) => {
        const { grant, refreshTokens, revoked } = setUp({ kind: 'unusable', token: refreshToken(), reason });
        expect(await refusalOf(grant.handle(request()))).toEqual([InvalidGrant, 'invalid_grant', reason]);
        expect([refreshTokens.rotated, revoked]).toEqual([[], []]);
      },
    );

    it.each([
      ['a wider scope', 'read write', 'The scope "write" was not part of the original grant'],
      ['an unknown scope', 'read nope', 'The scope "nope" was not part of the original grant'],
    ])('%s, before rotating, so the token stays usable (F11)', async (_case, scope, description) => {
      const { grant, refreshTokens, issuer } = setUp();
      expect(await refusalOf(grant.handle(request({ scope })))).toEqual([InvalidScope, 'invalid_scope', description]);
      expect(refreshTokens.rotated).toEqual([]);
      expect(issuer.issued).toEqual([]);
    });

    it('account, when the grant did not carry it, though the client and the person do', async () => {
      const { grant, refreshTokens } = setUp(usable({ token: refreshToken({ scopes: ['read', 'openid'] }) }));
      expect(await refusalOf(grant.handle(request({ scope: 'read account' })))).toEqual([
        InvalidScope,
        'invalid_scope',
        'The scope "account" was not part of the original grant',
      ]);
      expect(refreshTokens.rotated).toEqual([]);
    });
  });

  describe('a used token presented again (RFC 9700 §4.14.2)', () => {
    it('revokes the whole grant and is audited, once its successor was issued', async () => {
      const { grant, revoked, issuer, audits } = setUp(rotated());
      expect(await refusalOf(grant.handle(request()))).toEqual([InvalidGrant, 'invalid_grant', REUSED]);
      expect(revoked).toEqual(['g-1']);
      expect(issuer.issued).toEqual([]);
      expect(audits).toEqual([
        { event: 'token.refresh_reused', outcome: 'failure', actorId: 'u-carol', clientId: 'app-1', target: 'g-1', ip: IP },
      ]);
    });

    it('lost a race with a concurrent refresh still being answered: refused, the winner left standing', async () => {
      const { grant, refreshTokens, revoked, audits } = setUp(rotated());
      refreshTokens.successorIssued = false;
      expect(await refusalOf(grant.handle(request()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The refresh token was just used by a concurrent request',
      ]);
      expect([revoked, audits]).toEqual([[], []]);
    });
  });

  describe('a rotation lost to a concurrent request with the same token', () => {
    it('is refused without revoking while the winner has not issued its tokens', async () => {
      const { grant, refreshTokens, revoked, issuer } = setUp();
      refreshTokens.rotation = 'loses';
      refreshTokens.successorIssued = false;
      expect(await refusalOf(grant.handle(request()))).toEqual([
        InvalidGrant,
        'invalid_grant',
        'The refresh token was just used by a concurrent request',
      ]);
      expect([revoked, issuer.issued]).toEqual([[], []]);
    });

    it('revokes the grant when the winner has already issued its successor (a replay, not a race)', async () => {
      const { grant, refreshTokens, revoked, issuer, audits } = setUp();
      refreshTokens.rotation = 'loses';
      expect(await refusalOf(grant.handle(request()))).toEqual([InvalidGrant, 'invalid_grant', REUSED]);
      expect([revoked, issuer.issued]).toEqual([['g-1'], []]);
      expect(audits).toMatchObject([{ event: 'token.refresh_reused', target: 'g-1' }]);
    });
  });
});

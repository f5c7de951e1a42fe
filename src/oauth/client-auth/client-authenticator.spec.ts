import type { TesseraConfig } from '../../config/tessera-config';
import { Budgets } from '../../limits/budgets';
import type { FastifyRequest } from 'fastify';
import type { AuditRecord, AuditService } from '../../audit/audit.service';
import { CredentialCaches } from '../../auth/cache/credential-caches';
import type { Client } from '../../clients/client.entity';
import type { ClientsService } from '../../clients/clients.service';
import { ApiError } from '../../common/errors/api-error';
import { sha256 } from '../../common/secrets';
import type { Role } from '../../users/entities/role.entity';
import type { User } from '../../users/entities/user.entity';
import type { LoginContext } from '../../users/account-lockout';
import type { UsersService } from '../../users/users.service';
import type { Authority } from '../../users/authority';
import type { PasswordSignIn } from '../../auth/two-factor/password-sign-in';
import { InvalidClient, InvalidRequest, UnauthorizedClient } from '../errors/oauth-error';
import type { OAuthParameters } from '../oauth-parameters';
import { ClientAuthenticator } from './client-authenticator';
import { CONSUMER_CLIENT } from './consumer-client';

const APP_SECRET = 'tcs_app-secret';
const API_TOKEN = 'tat_reporter-token';
const PASSWORD = 'correct horse battery';
const IP = '198.51.100.7';

const confidentialApp = {
  clientId: 'app-1',
  ownerId: 'u-owner',
  name: 'Planner',
  secretHash: sha256(APP_SECRET),
  confidential: true,
  redirectUris: ['https://planner.example.com/cb'],
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['read', 'openid'],
  accessTokenTtl: 600,
  refreshTokenTtl: 7200,
  clientCredentialsRefresh: false,
  introspection: false,
} as Client;
const publicApp = { ...confidentialApp, clientId: 'spa-1', name: 'Viewer', secretHash: null, confidential: false } as Client;

const role = (name: string, scopes: string[]) => ({ name, scopes }) as Role;
const apiUser = {
  id: 'u-api',
  username: 'reporter',
  kind: 'api',
  disabled: false,
  oauth2Enabled: true,
  accessTokenTtlMinutes: 15,
  fullAccess: false,
  roles: [role('Reader', ['read']), role('Sync', ['read', 'write'])],
  databaseAccess: [],
} as unknown as User;
const person = {
  id: 'u-carol',
  username: 'carol',
  kind: 'person',
  disabled: false,
  fullAccess: false,
  roles: [role('Consumer', ['read', 'account', 'openid'])],
  databaseAccess: [],
} as unknown as User;

class FakeClients implements Pick<ClientsService, 'findWithSecret'> {
  readonly apps = new Map([confidentialApp, publicApp].map((app) => [app.clientId, app]));
  lookups = 0;

  async findWithSecret(clientId: string): Promise<Client | null> {
    this.lookups++;
    return this.apps.get(clientId) ?? null;
  }
}

class FakeUsers implements Pick<UsersService, 'findByApiToken' | 'verifyPassword' | 'authorityOf'> {
  readonly apiUsers = new Map([[API_TOKEN, apiUser]]);
  readonly passwordChecks: [string, string, LoginContext | undefined][] = [];
  readonly disabled = new Set<string>();

  async authorityOf(userId: string): Promise<Authority | null> {
    return { userId, disabled: this.disabled.has(userId) } as Authority;
  }

  async findByApiToken(token: string): Promise<User | null> {
    return this.apiUsers.get(token) ?? null;
  }

  async verifyPassword(username: string, password: string, context?: LoginContext): Promise<User | null> {
    this.passwordChecks.push([username, password, context]);
    return username === person.username && password === PASSWORD ? person : null;
  }
}

class FakeAudit implements Pick<AuditService, 'record'> {
  readonly records: AuditRecord[] = [];

  async record(record: AuditRecord): Promise<void> {
    this.records.push(record);
  }
}

function setUp() {
  const clients = new FakeClients();
  const users = new FakeUsers();
  const audit = new FakeAudit();
  const authenticator = new ClientAuthenticator(
    clients as unknown as ClientsService,
    users as unknown as UsersService,
    new CredentialCaches(),
    audit as unknown as AuditService,
    {
      signIn: async (username: string, password: string, _code: string | undefined, context: LoginContext) => {
        const user = await users.verifyPassword(username, password, context);
        return user ? { user, amr: ['pwd'] } : { user: null, refusal: 'credentials' };
      },
    } as unknown as PasswordSignIn,
    new Budgets({} as TesseraConfig),
  );
  return { authenticator, clients, users, audit };
}

/** `client_secret_basic`: both halves form-encoded, then Base64 (RFC 6749 §2.3.1). */
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {}, ip: IP }) as unknown as FastifyRequest;
const params = (values: Record<string, string> = {}): OAuthParameters => Object.freeze({ ...values });

/** The refusal as the client reads it: the error class, status, OAuth code and description. */
async function refusalOf(promise: Promise<unknown>): Promise<unknown[]> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw error;
  return [error.constructor, error.status, error.code, error.message];
}

const appAsClient = (method: string) => ({
  id: 'app-1',
  kind: 'app',
  name: 'Planner',
  confidential: true,
  method,
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['read', 'openid'],
  ownerId: 'u-owner',
  accessTokenTtl: 600,
  refreshTokenTtl: 7200,
  clientCredentialsRefresh: false,
  redirectUris: ['https://planner.example.com/cb'],
  introspection: false,
  authenticatedAt: expect.any(Number),
});

describe(ClientAuthenticator.name, () => {
  describe('client_secret_basic', () => {
    it('authenticates a confidential application by its id and secret in HTTP Basic', async () => {
      const { authenticator } = setUp();
      expect(await authenticator.authenticate(request(basic('app-1', APP_SECRET)), params())).toEqual(appAsClient('client_secret_basic'));
    });

    it('decodes form-encoded Basic credentials (RFC 6749 §2.3.1)', async () => {
      const { authenticator, clients } = setUp();
      const secret = 'tcs_a:b+c %d';
      clients.apps.set('app 1', { ...confidentialApp, clientId: 'app 1', secretHash: sha256(secret) } as Client);
      expect(await authenticator.authenticate(request(basic('app 1', secret)), params())).toMatchObject({ id: 'app 1' });
    });

    it('accepts a body client_id that names the same client', async () => {
      const { authenticator } = setUp();
      const client = await authenticator.authenticate(request(basic('app-1', APP_SECRET)), params({ client_id: 'app-1' }));
      expect(client).toMatchObject({ id: 'app-1', method: 'client_secret_basic' });
    });

    it('refuses a body client_id that names another client', async () => {
      const { authenticator } = setUp();
      expect(await refusalOf(authenticator.authenticate(request(basic('app-1', APP_SECRET)), params({ client_id: 'spa-1' })))).toEqual([
        InvalidClient,
        401,
        'invalid_client',
        'The client_id in the body does not match the HTTP Basic credentials',
      ]);
    });

    it.each([
      ['without a colon', `Basic ${Buffer.from('app-1').toString('base64')}`, 'Malformed HTTP Basic client credentials'],
      ['without a client id', basic('', APP_SECRET), 'Malformed HTTP Basic client credentials'],
      ['without a secret', basic('app-1', ''), 'The HTTP Basic credentials have no client secret'],
    ])('refuses Basic credentials %s', async (_case, header, description) => {
      const { authenticator } = setUp();
      expect(await refusalOf(authenticator.authenticate(request(header), params()))).toEqual([
        InvalidClient,
        401,
        'invalid_client',
        description,
      ]);
    });

    it('challenges with Basic when it refuses (RFC 6749 §5.2)', async () => {
      const { authenticator } = setUp();
      const error = await authenticator.authenticate(request(basic('app-1', 'wrong')), params()).catch((caught: ApiError) => caught);
      expect(error).toBeInstanceOf(InvalidClient);
      expect((error as ApiError).options.headers).toEqual({ 'WWW-Authenticate': 'Basic realm="Tessera"' });
    });
  });

  describe('client_secret_post', () => {
    it('authenticates a confidential application by client_id and client_secret in the body', async () => {
      const { authenticator } = setUp();
      const client = await authenticator.authenticate(request(), params({ client_id: 'app-1', client_secret: APP_SECRET }));
      expect(client).toEqual(appAsClient('client_secret_post'));
    });

    it('refuses HTTP Basic and a body secret together: one method at a time', async () => {
      const { authenticator } = setUp();
      const both = authenticator.authenticate(request(basic('app-1', APP_SECRET)), params({ client_secret: APP_SECRET }));
      expect(await refusalOf(both)).toEqual([
        InvalidRequest,
        400,
        'invalid_request',
        'Use one client authentication method: HTTP Basic or client_secret in the body, not both',
      ]);
    });
  });

  describe('an application whose owner is disabled (review A4)', () => {
    it.each([
      ['confidential', () => request(basic('app-1', APP_SECRET)), {}],
      ['public', () => request(), { client_id: 'spa-1' }],
    ])('refuses the %s application', async (_kind, sent, body) => {
      const { authenticator, users } = setUp();
      users.disabled.add('u-owner');
      expect(await refusalOf(authenticator.authenticate(sent(), params(body)))).toEqual([
        UnauthorizedClient,
        400,
        'unauthorized_client',
        'The account that owns this client is disabled or gone',
      ]);
    });
  });

  describe('none (a public client)', () => {
    it('identifies a public application by its client_id alone', async () => {
      const { authenticator } = setUp();
      expect(await authenticator.authenticate(request(), params({ client_id: 'spa-1' }))).toMatchObject({
        id: 'spa-1',
        kind: 'app',
        confidential: false,
        method: 'none',
      });
    });

    it('identifies the built-in consumer client without reading the clients table', async () => {
      const { authenticator, clients } = setUp();
      expect(await authenticator.authenticate(request(), params({ client_id: 'consumer' }))).toEqual({
        ...CONSUMER_CLIENT,
        authenticatedAt: expect.any(Number),
      });
      expect(clients.lookups).toBe(0);
    });

    it('refuses a confidential application that sends no secret', async () => {
      const { authenticator } = setUp();
      expect(await refusalOf(authenticator.authenticate(request(), params({ client_id: 'app-1' })))).toEqual([
        InvalidClient,
        401,
        'invalid_client',
        'This client is confidential: authenticate with its client_secret',
      ]);
    });

    it('refuses an unknown client_id', async () => {
      const { authenticator } = setUp();
      expect(await refusalOf(authenticator.authenticate(request(), params({ client_id: 'nobody' })))).toEqual([
        InvalidClient,
        401,
        'invalid_client',
        'Unknown client',
      ]);
    });

    it('refuses a public application that sends a secret', async () => {
      const { authenticator } = setUp();
      expect(await refusalOf(authenticator.authenticate(request(), params({ client_id: 'spa-1', client_secret: 'anything' })))).toEqual([
        InvalidClient,
        401,
        'invalid_client',
        'This client is public and has no secret: send only its client_id',
      ]);
    });
  });

  it('refuses a request that names no client at all', async () => {
    const { authenticator } = setUp();
    expect(await refusalOf(authenticator.authenticate(request(), params({ grant_type: 'client_credentials' })))).toEqual([
      InvalidClient,
      401,
      'invalid_client',
      'Client authentication is required: send client_id and client_secret (HTTP Basic or form body)',
    ]);
  });

  it.each([
    ['HTTP Basic', request(basic('app-1', 'tcs_wrong')), params()],
    ['the body', request(), params({ client_id: 'app-1', client_secret: 'tcs_wrong' })],
  ])("refuses an application's wrong secret in %s without saying more", async (_where, req, values) => {
    const { authenticator } = setUp();
    expect(await refusalOf(authenticator.authenticate(req, values))).toEqual([
      InvalidClient,
      401,
      'invalid_client',
      'Client authentication failed',
    ]);
  });

  it('reads an application once per credential-cache lifetime, not on every request', async () => {
    const { authenticator, clients } = setUp();
    await authenticator.authenticate(request(basic('app-1', APP_SECRET)), params());
    await authenticator.authenticate(request(), params({ client_id: 'app-1', client_secret: APP_SECRET }));
    expect(clients.lookups).toBe(1);
  });

  describe('an API user (username and API token)', () => {
    it("authenticates as a confidential client that may use client_credentials with its roles' scopes", async () => {
      const { authenticator } = setUp();
      expect(await authenticator.authenticate(request(basic('reporter', API_TOKEN)), params())).toEqual({
        id: 'reporter',
        kind: 'api-user',
        name: 'reporter',
        confidential: true,
        method: 'client_secret_basic',
        grantTypes: ['client_credentials'],
        scopes: ['read', 'write'],
        ownerId: 'u-api',
        accessTokenTtl: 900,
        refreshTokenTtl: null,
        clientCredentialsRefresh: false,
        redirectUris: [],
        introspection: false,
        authenticatedAt: expect.any(Number),
      });
    });

    it('authenticates in the body too', async () => {
      const { authenticator } = setUp();
      const client = await authenticator.authenticate(request(), params({ client_id: 'reporter', client_secret: API_TOKEN }));
      expect(client).toMatchObject({ id: 'reporter', kind: 'api-user', method: 'client_secret_post' });
    });

    it("refuses another name with an API user's token, and never tries it as a password", async () => {
      const { authenticator, users } = setUp();
      const attempt = authenticator.authenticate(request(basic('carol', API_TOKEN)), params(), 'client_credentials');
      expect(await refusalOf(attempt)).toEqual([InvalidClient, 401, 'invalid_client', 'Client authentication failed']);
      expect(users.passwordChecks).toEqual([]);
    });

    it.each([
      ['is disabled', { disabled: true }, 'This API user is disabled'],
      ['is not enabled for OAuth 2.0', { oauth2Enabled: false }, 'OAuth 2.0 is not enabled for this API user'],
    ])('refuses an API user that %s', async (_case, change, description) => {
      const { authenticator, users } = setUp();
      users.apiUsers.set(API_TOKEN, { ...apiUser, ...change } as User);
      expect(await refusalOf(authenticator.authenticate(request(basic('reporter', API_TOKEN)), params()))).toEqual([
        InvalidClient,
        401,
        'invalid_client',
        description,
      ]);
    });
  });

  describe("a person's username and password as client credentials", () => {
    it('authenticates the person for the grant that takes it, as a client of that grant only', async () => {
      const { authenticator, users } = setUp();
      expect(await authenticator.authenticate(request(basic('carol', PASSWORD)), params(), 'client_credentials')).toEqual({
        id: 'carol',
        kind: 'user',
        name: 'carol',
        confidential: true,
        method: 'client_secret_basic',
        grantTypes: ['client_credentials'],
        scopes: ['read', 'account', 'openid'],
        ownerId: 'u-carol',
        accessTokenTtl: null,
        refreshTokenTtl: null,
        clientCredentialsRefresh: true,
        redirectUris: [],
        introspection: false,
        authenticatedAt: expect.any(Number),
      });
      expect(users.passwordChecks).toEqual([['carol', PASSWORD, { ip: IP, channel: 'oauth-client' }]]);
    });

    it('never checks a password when the caller passes no grant that takes one (revocation, introspection, other grants)', async () => {
      const { authenticator, users } = setUp();
      const attempt = authenticator.authenticate(request(basic('carol', PASSWORD)), params({ grant_type: 'client_credentials' }));
      expect(await refusalOf(attempt)).toEqual([InvalidClient, 401, 'invalid_client', 'Client authentication failed']);
      expect(users.passwordChecks).toEqual([]);
    });

    it('refuses a wrong password', async () => {
      const { authenticator } = setUp();
      const attempt = authenticator.authenticate(request(), params({ client_id: 'carol', client_secret: 'wrong' }), 'refresh_token');
      expect(await refusalOf(attempt)).toEqual([InvalidClient, 401, 'invalid_client', 'Client authentication failed']);
    });
  });

  describe('audit', () => {
    it('records every refusal with the claimed client, the reason and the grant, never the secret', async () => {
      const { authenticator, audit } = setUp();
      await refusalOf(authenticator.authenticate(request(basic('app-1', 'tcs_guess')), params({ grant_type: 'client_credentials' })));
      await refusalOf(authenticator.authenticate(request(), params({ client_id: 'spa-1', client_secret: 'tcs_guess2' })));
      expect(audit.records).toEqual([
        {
          event: 'client.authentication_failed',
          outcome: 'failure',
          clientId: 'app-1',
          ip: IP,
          details: { reason: 'Client authentication failed', grant_type: 'client_credentials' },
        },
        {
          event: 'client.authentication_failed',
          outcome: 'failure',
          clientId: 'spa-1',
          ip: IP,
          details: { reason: 'This client is public and has no secret: send only its client_id', grant_type: null },
        },
      ]);
      expect(JSON.stringify(audit.records)).not.toMatch(/tcs_guess/);
    });

    it('hides a secret sent where the client id belongs', async () => {
      const { authenticator, audit } = setUp();
      await refusalOf(authenticator.authenticate(request(basic('tsk_pasted-key', 'x')), params()));
      expect(audit.records.map((record) => record.clientId)).toEqual(['[a secret, not shown]']);
    });

    it('keeps at most 128 characters of a claimed client id', async () => {
      const { authenticator, audit } = setUp();
      await refusalOf(authenticator.authenticate(request(), params({ client_id: 'c'.repeat(300) })));
      expect(audit.records.map((record) => record.clientId)).toEqual(['c'.repeat(128)]);
    });

    it('records nothing for a client that authenticates', async () => {
      const { authenticator, audit } = setUp();
      await authenticator.authenticate(request(basic('app-1', APP_SECRET)), params());
      await authenticator.authenticate(request(basic('carol', PASSWORD)), params(), 'client_credentials');
      expect(audit.records).toEqual([]);
    });
  });

  describe('authenticateIfPresented', () => {
    it('gives null, and records nothing, when the request names no client', async () => {
      const { authenticator, audit } = setUp();
      expect(await authenticator.authenticateIfPresented(request(), params({ token: 'trt_x' }))).toBeNull();
      expect(audit.records).toEqual([]);
    });

    it('authenticates a client named in the body or in HTTP Basic, never with a password', async () => {
      const { authenticator, users } = setUp();
      expect(await authenticator.authenticateIfPresented(request(), params({ client_id: 'spa-1' }))).toMatchObject({ id: 'spa-1' });
      expect(await authenticator.authenticateIfPresented(request(basic('app-1', APP_SECRET)), params())).toMatchObject({ id: 'app-1' });
      expect(await refusalOf(authenticator.authenticateIfPresented(request(basic('carol', PASSWORD)), params()))).toEqual([
        InvalidClient,
        401,
        'invalid_client',
        'Client authentication failed',
      ]);
      expect(users.passwordChecks).toEqual([]);
    });
  });

  describe('isPublic', () => {
    it.each([
      ['consumer', true],
      ['spa-1', true],
      ['app-1', false],
      ['nobody', false],
    ])('says %s → %p', async (clientId, expected) => {
      expect(await setUp().authenticator.isPublic(clientId)).toBe(expected);
    });
  });
});

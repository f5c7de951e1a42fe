import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error';
import type { TesseraConfig } from '../config/tessera-config';
import type { ClientAuthenticator } from './client-auth/client-authenticator';
import type { OAuthClient } from './client-auth/oauth-client';
import { InvalidClient, InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from './errors/oauth-error';
import { GRANT_HANDLERS } from './grants';
import type { GrantHandler, TokenRequest } from './grants/grant-handler';
import type { OAuthParameters } from './oauth-parameters';
import { TokenEndpoint } from './token.endpoint';
import type { TokenResponse } from './tokens/token-response';

const IP = '198.51.100.7';

const client: OAuthClient = {
  id: 'app-1',
  kind: 'app',
  name: 'Planner',
  confidential: true,
  method: 'client_secret_basic',
  grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'],
  scopes: ['read'],
  ownerId: 'u-owner',
  accessTokenTtl: null,
  refreshTokenTtl: null,
  clientCredentialsRefresh: false,
  redirectUris: [],
  introspection: false,
};

/** A grant handler that records what it was handed and answers with a token naming its grant. */
class RecordingHandler implements GrantHandler {
  readonly requests: TokenRequest[] = [];

  constructor(
    readonly grantType: string,
    readonly takesPersonCredentials: boolean,
  ) {}

  async handle(request: TokenRequest): Promise<TokenResponse> {
    this.requests.push(request);
    return { access_token: `at-from-${this.grantType}`, token_type: 'Bearer', expires_in: 3600, scope: 'read' };
  }
}

/** The registered grants, each with its own grant type and `takesPersonCredentials` (read from a real instance). */
function registeredHandlers(): RecordingHandler[] {
  return GRANT_HANDLERS.map((Handler) => {
    const real = Reflect.construct(Handler, []) as GrantHandler;
    return new RecordingHandler(real.grantType, real.takesPersonCredentials);
  });
}

class FakeAuthenticator implements Pick<ClientAuthenticator, 'authenticate'> {
  readonly calls: { params: OAuthParameters; personGrant: string | null }[] = [];
  refusal: ApiError | null = null;
  authenticated: OAuthClient = client;

  async authenticate(_request: FastifyRequest, params: OAuthParameters, personGrant: string | null = null): Promise<OAuthClient> {
    this.calls.push({ params, personGrant });
    if (this.refusal) throw this.refusal;
    return this.authenticated;
  }
}

function setUp(options: { allowQueryCredentials?: boolean; handlers?: RecordingHandler[] } = {}) {
  const authenticator = new FakeAuthenticator();
  const handlers = options.handlers ?? registeredHandlers();
  const config = { oauth: { allowQueryCredentials: options.allowQueryCredentials ?? false } } as TesseraConfig;
  const endpoint = new TokenEndpoint(authenticator as unknown as ClientAuthenticator, config, handlers);
  const handlerOf = (grantType: string) => handlers.find((handler) => handler.grantType === grantType)!;
  return { endpoint, authenticator, handlers, handlerOf };
}

const post = (body: Record<string, unknown>, query: Record<string, unknown> = {}) =>
  ({ body, query, headers: {}, ip: IP }) as unknown as FastifyRequest;

/** The refusal as the client reads it: the error class, the OAuth code and the description. */
async function refusalOf(promise: Promise<unknown>): Promise<unknown[]> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw error;
  return [error.constructor, error.code, error.message];
}

describe(TokenEndpoint.name, () => {
  it("dispatches to the grant's handler with the parameters, the authenticated client and the caller's address", async () => {
    const { endpoint, handlerOf } = setUp();
    const response = await endpoint.token(post({ grant_type: 'client_credentials', scope: 'read' }));
    expect(response.access_token).toBe('at-from-client_credentials');
    expect(handlerOf('client_credentials').requests).toEqual([
      { params: { grant_type: 'client_credentials', scope: 'read' }, client, ip: IP },
    ]);
  });

  it('drops empty parameters before anyone sees them', async () => {
    const { endpoint, handlerOf } = setUp();
    await endpoint.token(post({ grant_type: 'client_credentials', scope: '' }));
    expect(handlerOf('client_credentials').requests[0].params).toEqual({ grant_type: 'client_credentials' });
  });

  describe('refuses before authenticating any client', () => {
    it('a request without grant_type', async () => {
      const { endpoint, authenticator } = setUp();
      expect(await refusalOf(endpoint.token(post({ client_id: 'app-1' })))).toEqual([
        InvalidRequest,
        'invalid_request',
        'The parameter "grant_type" is required',
      ]);
      expect(authenticator.calls).toEqual([]);
    });

    it('an unsupported grant type, naming the registered ones', async () => {
      const { endpoint, authenticator } = setUp();
      expect(await refusalOf(endpoint.token(post({ grant_type: 'implicit' })))).toEqual([
        UnsupportedGrantType,
        'unsupported_grant_type',
        'The grant type "implicit" is not supported; use authorization_code, client_credentials, password, refresh_token',
      ]);
      expect(authenticator.calls).toEqual([]);
    });

    it('a parameter sent more than once (RFC 6749 §3.1)', async () => {
      const { endpoint, authenticator } = setUp();
      expect(await refusalOf(endpoint.token(post({ grant_type: 'client_credentials', scope: ['read', 'write'] })))).toEqual([
        InvalidRequest,
        'invalid_request',
        'The parameter "scope" was sent more than once in the body',
      ]);
      expect(authenticator.calls).toEqual([]);
    });

    it('a parameter that is not a string', async () => {
      const { endpoint } = setUp();
      expect(await refusalOf(endpoint.token(post({ grant_type: 'client_credentials', scope: { read: true } })))).toEqual([
        InvalidRequest,
        'invalid_request',
        'The parameter "scope" must be a string',
      ]);
    });

    it.each([
      [{ client_secret: 'tcs_x', grant_type: 'client_credentials' }, 'credentials (client_secret)'],
      [{ grant_type: 'client_credentials' }, 'parameters (grant_type)'],
    ])('parameters in the URL query string %p (RFC 6749 §2.3.1)', async (query, what) => {
      const { endpoint, authenticator } = setUp();
      expect(await refusalOf(endpoint.token(post({ grant_type: 'client_credentials' }, query)))).toEqual([
        InvalidRequest,
        'invalid_request',
        `Send the ${what} in the application/x-www-form-urlencoded request body, not in the URL query string`,
      ]);
      expect(authenticator.calls).toEqual([]);
    });
  });

  it('reads the query string too where the deployment allows it, the body winning (as netrex clients send token requests)', async () => {
    const { endpoint, handlerOf } = setUp({ allowQueryCredentials: true });
    await endpoint.token(post({ scope: 'read' }, { grant_type: 'client_credentials', scope: 'write', client_id: 'app-1' }));
    expect(handlerOf('client_credentials').requests[0].params).toEqual({
      grant_type: 'client_credentials',
      scope: 'read',
      client_id: 'app-1',
    });
  });

  it('refuses a client not registered for the grant, calling no handler', async () => {
    const { endpoint, handlers } = setUp();
    expect(await refusalOf(endpoint.token(post({ grant_type: 'password', username: 'carol', password: 'pw' })))).toEqual([
      UnauthorizedClient,
      'unauthorized_client',
      'This client is not allowed to use the password grant',
    ]);
    expect(handlers.flatMap((handler) => handler.requests)).toEqual([]);
  });

  it('passes on a refused client authentication, calling no handler', async () => {
    const { endpoint, authenticator, handlers } = setUp();
    authenticator.refusal = new InvalidClient();
    expect(await refusalOf(endpoint.token(post({ grant_type: 'client_credentials' })))).toEqual([
      InvalidClient,
      'invalid_client',
      'Client authentication failed',
    ]);
    expect(handlers.flatMap((handler) => handler.requests)).toEqual([]);
  });

  describe("a person's username and password as client credentials", () => {
    it.each([
      ['authorization_code', null],
      ['client_credentials', 'client_credentials'],
      ['password', null],
      ['refresh_token', 'refresh_token'],
    ])('may be checked for %s only if its handler takes them (passes %p)', async (grantType, personGrant) => {
      const { endpoint, authenticator } = setUp();
      authenticator.authenticated = { ...client, grantTypes: [grantType] };
      await endpoint.token(post({ grant_type: grantType }));
      expect(authenticator.calls.map((call) => call.personGrant)).toEqual([personGrant]);
    });

    it('are never passed on for a grant type nobody registered', async () => {
      const { endpoint, authenticator } = setUp();
      await refusalOf(endpoint.token(post({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code' })));
      expect(authenticator.calls).toEqual([]);
    });
  });

  it('serves a newly registered grant, and names it when refusing another, with no other change', async () => {
    const deviceCode = new RecordingHandler('urn:ietf:params:oauth:grant-type:device_code', false);
    const { endpoint, authenticator } = setUp({ handlers: [...registeredHandlers(), deviceCode] });
    authenticator.authenticated = { ...client, grantTypes: [deviceCode.grantType] };
    await endpoint.token(post({ grant_type: deviceCode.grantType, device_code: 'dc' }));
    expect(deviceCode.requests).toHaveLength(1);
    expect(await refusalOf(endpoint.token(post({ grant_type: 'implicit' })))).toEqual([
      UnsupportedGrantType,
      'unsupported_grant_type',
      'The grant type "implicit" is not supported; use authorization_code, client_credentials, password, refresh_token, urn:ietf:params:oauth:grant-type:device_code',
    ]);
  });
});

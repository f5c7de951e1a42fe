import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { PasswordSignIn, SIGN_IN_REFUSALS } from '../../auth/two-factor/password-sign-in';
import { auditable } from '../../audit/secret-shaped';
import { CredentialCaches } from '../../auth/cache/credential-caches';
import type { FastifyRequest } from 'fastify';
import { clientCredentialsOf } from '../../common/basic-credentials';
import { Client } from '../../clients/client.entity';
import { ClientsService } from '../../clients/clients.service';
import { User } from '../../users/entities/user.entity';
import { toAuthority, UsersService } from '../../users/users.service';
import { InvalidClient, InvalidRequest, UnauthorizedClient } from '../errors/oauth-error';
import type { OAuthParameters } from '../oauth-parameters';
import { CONSUMER_CLIENT } from './consumer-client';
import { Budgets } from '../../limits/budgets';
import { OAuthClient } from './oauth-client';

interface PresentedCredentials {
  id: string;
  secret: string | null;
  method: OAuthClient['method'];
}

/**
 * Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3):
 * `client_secret_basic`, `client_secret_post`, or `none` for a public client. One method at a time.
 * A person's `username:password` (as Fusio's clients send it) counts only for `personGrant`, the grant the token
 * endpoint dispatched to when its handler takes it; revocation and introspection never pass one,
 * whatever the body says (F5).
 */
@Injectable()
export class ClientAuthenticator {
  constructor(
    private readonly clients: ClientsService,
    private readonly users: UsersService,
    private readonly caches: CredentialCaches,
    private readonly audit: AuditService,
    private readonly signIns: PasswordSignIn,
    private readonly budgets: Budgets,
  ) {}

  /** Every refusal is audited (without the secret): repeated failures show credential guessing. */
  async authenticate(request: FastifyRequest, params: OAuthParameters, personGrant: string | null = null): Promise<OAuthClient> {
    const authenticatedAt = Date.now();
    try {
      const client = await this.identify(request, params, personGrant);
      // Counted as this client only once it proved its secret (review 3, B2); a public client's id proves nothing.
      if (client.method !== 'none') await this.budgets.client(client.id);
      return { ...client, authenticatedAt };
    } catch (error) {
      if (error instanceof InvalidClient) {
        await this.audit.record({
          event: 'client.authentication_failed',
          outcome: 'failure',
          clientId: claimedClientId(request, params),
          ip: request.ip,
          details: { reason: error.message, grant_type: params.grant_type ?? null },
        });
      }
      throw error;
    }
  }

  /** Null when the request names no client at all (netrex's revocation form); otherwise as `authenticate`. */
  async authenticateIfPresented(request: FastifyRequest, params: OAuthParameters): Promise<OAuthClient | null> {
    const presented = Boolean(params.client_id) || /^basic /i.test(request.headers.authorization ?? '');
    return presented ? this.authenticate(request, params) : null;
  }

  /** A public client (no secret): the built-in `consumer`, or an app registered without one. */
  async isPublic(clientId: string): Promise<boolean> {
    if (clientId === CONSUMER_CLIENT.id) return true;
    const app = await this.findApp(clientId);
    return Boolean(app && !app.confidential);
  }

  private async identify(request: FastifyRequest, params: OAuthParameters, personGrant: string | null): Promise<OAuthClient> {
    const presented = presentedCredentials(request, params);
    if (!presented)
      throw new InvalidClient('Client authentication is required: send client_id and client_secret (HTTP Basic or form body)');
    if (presented.secret === null) return this.publicClient(presented.id);
    const app = await this.findApp(presented.id);
    if (app) return this.confidentialApp(app, presented);
    return this.userAsClient(presented, personGrant, request.ip, params.otp);
  }

  private async publicClient(id: string): Promise<OAuthClient> {
    if (id === CONSUMER_CLIENT.id) return CONSUMER_CLIENT;
    const app = await this.findApp(id);
    if (!app) throw new InvalidClient('Unknown client');
    if (app.confidential) throw new InvalidClient('This client is confidential: authenticate with its client_secret');
    await this.assertOwnerActive(app);
    return fromApp(app, 'none');
  }

  private async confidentialApp(app: Client, presented: PresentedCredentials): Promise<OAuthClient> {
    if (!app.confidential) throw new InvalidClient('This client is public and has no secret: send only its client_id');
    if (!ClientsService.secretMatches(app, presented.secret!)) throw new InvalidClient();
    await this.assertOwnerActive(app);
    return fromApp(app, presented.method);
  }

  /**
   * An application is a credential its owner minted: it authenticates only while the owner may
   * act (review A4). A disabled owner's application redeems no code, refreshes no grant and
   * introspects nothing, for anyone; re-enabling the owner brings it back. The owner's rights come
   * from the same cache as every credential check (no statement in steady state).
   */
  private async assertOwnerActive(app: Client): Promise<void> {
    if (!app.ownerId) return;
    const owner = await this.caches.authorities.getOrLoad(app.ownerId, () => this.users.authorityOf(app.ownerId!));
    if (!owner || owner.disabled) throw new UnauthorizedClient('The account that owns this client is disabled or gone');
  }

  /**
   * The client with its secret's hash, read on every token request: one query, cached for at most
   * 0.5 s and dropped at once by any write to `clients` on this instance (CredentialCaches), so a
   * rotated secret or a deleted app counts from the next request. Read-only: never change it.
   */
  private findApp(clientId: string): Promise<Client | null> {
    return this.caches.clients.getOrLoad(clientId, () => this.clients.findWithSecret(clientId));
  }

  /** An API user (username + API token, as d.vinci's API users send them) or a person's username and password (Fusio). */
  private async userAsClient(presented: PresentedCredentials, personGrant: string | null, ip: string, otp?: string): Promise<OAuthClient> {
    const apiUser = await this.users.findByApiToken(presented.secret!);
    if (apiUser && apiUser.username === presented.id) return fromApiUser(apiUser, presented.method);
    if (apiUser || !personGrant) throw new InvalidClient();
    const signedIn = await this.signIns.signIn(presented.id, presented.secret!, otp, { ip, channel: 'oauth-client' });
    if (!signedIn.user) throw new InvalidClient(signedIn.refusal === 'credentials' ? undefined : SIGN_IN_REFUSALS[signedIn.refusal]);
    return fromPerson(signedIn.user, presented.method, personGrant);
  }
}

/** The client id a refused request claimed, for the audit row (never the secret). */
function claimedClientId(request: FastifyRequest, params: OAuthParameters): string | null {
  return auditable(clientCredentialsOf(request.headers.authorization)?.userId || params.client_id || null);
}

function presentedCredentials(request: FastifyRequest, params: OAuthParameters): PresentedCredentials | null {
  const basic = basicCredentials(request);
  const bodyId = params.client_id;
  if (basic && params.client_secret)
    throw new InvalidRequest('Use one client authentication method: HTTP Basic or client_secret in the body, not both');
  if (basic) {
    if (bodyId && bodyId !== basic.id) throw new InvalidClient('The client_id in the body does not match the HTTP Basic credentials');
    return { id: basic.id, secret: basic.secret, method: 'client_secret_basic' };
  }
  if (!bodyId) return null;
  return { id: bodyId, secret: params.client_secret ?? null, method: params.client_secret ? 'client_secret_post' : 'none' };
}

/** `client_secret_basic` (RFC 6749 §2.3.1, decoded by the one Basic decoder). */
function basicCredentials(request: FastifyRequest): { id: string; secret: string } | null {
  const header = request.headers.authorization;
  if (!header || !/^basic /i.test(header)) return null;
  const credentials = clientCredentialsOf(header);
  if (!credentials?.userId) throw new InvalidClient('Malformed HTTP Basic client credentials');
  if (!credentials.password) throw new InvalidClient('The HTTP Basic credentials have no client secret');
  return { id: credentials.userId, secret: credentials.password };
}

function fromApp(app: Client, method: OAuthClient['method']): OAuthClient {
  return {
    id: app.clientId,
    kind: 'app',
    name: app.name,
    confidential: app.confidential,
    method,
    grantTypes: app.grantTypes,
    scopes: app.scopes,
    ownerId: app.ownerId,
    accessTokenTtl: app.accessTokenTtl,
    refreshTokenTtl: app.refreshTokenTtl,
    clientCredentialsRefresh: app.clientCredentialsRefresh,
    redirectUris: app.redirectUris,
    introspection: app.introspection,
  };
}

function fromApiUser(user: User, method: OAuthClient['method']): OAuthClient {
  if (user.disabled) throw new InvalidClient('This API user is disabled');
  if (!user.oauth2Enabled) throw new InvalidClient('OAuth 2.0 is not enabled for this API user');
  return {
    id: user.username,
    kind: 'api-user',
    name: user.username,
    confidential: true,
    method,
    grantTypes: ['client_credentials'],
    scopes: toAuthority(user).scopes,
    ownerId: user.id,
    accessTokenTtl: user.accessTokenTtlMinutes ? user.accessTokenTtlMinutes * 60 : null,
    refreshTokenTtl: null,
    clientCredentialsRefresh: false,
    redirectUris: [],
    introspection: false,
  };
}

function fromPerson(user: User, method: OAuthClient['method'], grantType: string): OAuthClient {
  return {
    id: user.username,
    kind: 'user',
    name: user.username,
    confidential: true,
    method,
    grantTypes: [grantType],
    scopes: toAuthority(user).scopes,
    ownerId: user.id,
    accessTokenTtl: null,
    refreshTokenTtl: null,
    clientCredentialsRefresh: true,
    redirectUris: [],
    introspection: false,
  };
}

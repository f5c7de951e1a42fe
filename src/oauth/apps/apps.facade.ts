import { Inject, Injectable } from '@nestjs/common';
import { Actor, auditedBy } from '../../auth/actor';
import type { Principal } from '../../auth/principal';
import { assertMayMint, assertScopesHeld } from '../../auth/scope-down';
import { withoutAccount } from '../../users/scopes';
import { AuditService } from '../../audit/audit.service';
import { BadRequest, Forbidden, NotFound } from '../../common/errors/api-error';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { CONSUMER_CLIENT } from '../client-auth/consumer-client';
import { GrantsService } from '../tokens/grants.service';
import { AppView, toAppView } from './app.view';
import { Client } from '../../clients/client.entity';
import { ClientsService } from '../../clients/clients.service';
import { CreateAppDto, UpdateAppDto } from './app.dto';
import { redirectUriProblem } from '../../clients/redirect-uri.policy';

const CONFIDENTIAL_DEFAULT_GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'];
const PUBLIC_DEFAULT_GRANTS = ['authorization_code', 'refresh_token'];

/** `/api/apps`: the calling person's client applications. */
@Injectable()
export class AppsFacade {
  constructor(
    private readonly clients: ClientsService,
    private readonly grants: GrantsService,
    private readonly audit: AuditService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async create(actor: Actor, dto: CreateAppDto): Promise<AppView> {
    const { principal } = actor;
    assertMayMint(principal);
    if (this.config.appsRequireFullAccess && !principal.access.full) {
      throw new Forbidden('Only full-access accounts can create applications here (APPS_REQUIRE_FULL_ACCESS)');
    }
    const confidential = dto.confidential ?? true;
    const grantTypes = dto.grant_types ?? (confidential ? CONFIDENTIAL_DEFAULT_GRANTS : PUBLIC_DEFAULT_GRANTS);
    assertGrantTypesFit(confidential, grantTypes);
    this.assertRegistrable(dto);
    const scopes = dto.scopes ?? withoutAccount(principal.scopes);
    assertScopesHeld(principal, scopes);
    const { client, secret } = await this.clients.create({
      ownerId: principal.userId!,
      name: dto.name,
      description: dto.description ?? null,
      redirectUris: dto.redirect_uris,
      postLogoutRedirectUris: dto.post_logout_redirect_uris ?? [],
      confidential,
      grantTypes,
      scopes,
      accessTokenTtl: dto.access_token_ttl ?? null,
      refreshTokenTtl: dto.refresh_token_ttl ?? null,
      clientCredentialsRefresh: dto.client_credentials_refresh ?? false,
      mintedByGrant: principal.grantId,
    });
    await this.audit.record({ event: 'app.created', ...auditedBy(actor), clientId: client.clientId, target: client.clientId });
    return toAppView(client, secret);
  }

  async list(principal: Principal): Promise<AppView[]> {
    return (await this.clients.listOwned(principal.userId!)).map((client) => toAppView(client));
  }

  async get(principal: Principal, clientId: string): Promise<AppView> {
    return toAppView(await this.owned(principal, clientId));
  }

  async update(actor: Actor, clientId: string, dto: UpdateAppDto): Promise<AppView> {
    const { principal } = actor;
    assertMayMint(principal);
    const client = await this.changeable(principal, clientId);
    if (dto.grant_types) assertGrantTypesFit(client.confidential, dto.grant_types);
    this.assertRegistrable(dto);
    if (dto.scopes) assertScopesHeld(principal, dto.scopes);
    const narrowed = takesAway(client.scopes, dto.scopes) || takesAway(client.grantTypes, dto.grant_types);
    const updated = await this.clients.update(client, {
      name: dto.name,
      description: dto.description,
      redirectUris: dto.redirect_uris,
      postLogoutRedirectUris: dto.post_logout_redirect_uris,
      grantTypes: dto.grant_types,
      scopes: dto.scopes,
      accessTokenTtl: dto.access_token_ttl,
      refreshTokenTtl: dto.refresh_token_ttl,
      clientCredentialsRefresh: dto.client_credentials_refresh,
    });
    // Refresh tokens are capped by the client's scopes at every refresh; access tokens issued with
    // the wider rights end now, as with a new secret (R19).
    if (narrowed) await this.grants.revokeAccessTokensOfClient(clientId);
    await this.audit.record({ event: 'app.updated', ...auditedBy(actor), clientId, target: clientId, details: { narrowed } });
    return toAppView(updated);
  }

  /** Deleting an application revokes every token it holds. */
  async delete(actor: Actor, clientId: string): Promise<void> {
    const { principal } = actor;
    await this.changeable(principal, clientId);
    await this.grants.revokeAllOfClient(clientId);
    await this.clients.delete(clientId);
    await this.audit.record({ event: 'app.deleted', ...auditedBy(actor), clientId, target: clientId });
  }

  /** A new secret, shown once; the old one, and every access token issued with it, stop working at once. */
  async rotateSecret(actor: Actor, clientId: string): Promise<AppView> {
    const { principal } = actor;
    assertMayMint(principal);
    const client = await this.changeable(principal, clientId);
    if (!client.confidential) throw new BadRequest('A public client has no secret', 'confidential');
    const secret = await this.clients.rotateSecret(client);
    await this.grants.revokeAccessTokensOfClient(clientId);
    await this.audit.record({ event: 'app.secret_rotated', ...auditedBy(actor), clientId, target: clientId });
    return toAppView(client, secret);
  }

  /** F13: every redirect and post-logout redirect URI passes the one policy (redirect-uri.policy.ts). */
  private assertRegistrable(dto: Pick<UpdateAppDto, 'redirect_uris' | 'post_logout_redirect_uris'>): void {
    const options = { allowHttp: this.config.oauth.allowHttpRedirectUris };
    for (const field of ['redirect_uris', 'post_logout_redirect_uris'] as const) {
      const problem = (dto[field] ?? []).map((uri) => redirectUriProblem(uri, options)).find((found) => found !== null);
      if (problem) throw new BadRequest(`${field}: ${problem}`, field, 'invalid_redirect_uri');
    }
  }

  /**
   * An application the principal may change, re-key or delete: its own, and holding no scope the
   * principal lacks (scope-down, review R01). A new secret is a new credential carrying the app's
   * scopes, so a token allowed `read account` must not re-key the person's `admin` automation.
   */
  private async changeable(principal: Principal, clientId: string): Promise<Client> {
    const client = await this.owned(principal, clientId);
    if (actsThroughAnApplication(principal) && client.mintedByGrant !== principal.grantId) {
      throw new Forbidden(
        'An application acting for you changes only the applications it registered itself; change this one in the console',
      );
    }
    const beyond = client.scopes.filter((scope) => !principal.scopes.includes(scope));
    if (beyond.length > 0) {
      throw new Forbidden(
        `This application holds scopes your credential does not (${beyond.join(', ')}); change it with one that holds them`,
      );
    }
    return client;
  }

  private async owned(principal: Principal, clientId: string): Promise<Client> {
    const client = await this.clients.findOwned(principal.userId!, clientId);
    if (!client) throw new NotFound(`You have no application with client_id "${clientId}"`);
    return client;
  }
}

/**
 * A token a third-party application holds for the person (through a grant she gave it; not
 * Tessera's own portal client, not the person as her own client). It may change, re-key or
 * delete only the applications its grant registered (review A10): re-pointing one of hers at
 * itself would hand it the people who consented to that one.
 */
function actsThroughAnApplication(principal: Principal): boolean {
  return principal.grantId !== null && principal.clientId !== CONSUMER_CLIENT.id && principal.clientId !== principal.username;
}

function assertGrantTypesFit(confidential: boolean, grantTypes: readonly string[]): void {
  if (!confidential && grantTypes.includes('client_credentials')) {
    throw new BadRequest('A public client cannot use client_credentials: it has no secret to authenticate with', 'grant_types');
  }
}

/** Whether a new list leaves out something of the old one (undefined: unchanged). */
function takesAway(before: readonly string[], after: readonly string[] | undefined): boolean {
  return after !== undefined && before.some((value) => !after.includes(value));
}

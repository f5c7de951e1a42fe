import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { BadRequest } from '../../common/errors/api-error';
import { ClaimMapping, DEFAULT_CLAIM_MAPPING } from '../../federation/claim-mapping';
import type { IdentityProvider } from '../../federation/entities/identity-provider.entity';
import { IdentityProviderFields, IdentityProvidersService } from '../../federation/identity-providers.service';
import { UpstreamClients } from '../../federation/upstream-clients';
import { RolesService } from '../../users/roles.service';
import { Actor, auditedBy } from '../../auth/actor';
import { CreateIdentityProviderDto, UpdateIdentityProviderDto } from './dto/identity-provider-fields';
import { IdentityProviderView, toIdentityProviderView } from './identity-provider.view';

const DEFAULT_SCOPES = ['openid', 'profile', 'email'];

/** `/api/admin/identity-providers`: administrators configure upstream providers at run time, audited (never the secret). */
@Injectable()
export class AdminIdentityProvidersService {
  constructor(
    private readonly providers: IdentityProvidersService,
    private readonly upstream: UpstreamClients,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<IdentityProviderView[]> {
    return Promise.all((await this.providers.list()).map((provider) => this.view(provider)));
  }

  async get(id: string): Promise<IdentityProviderView> {
    return this.view(await this.providers.get(id));
  }

  async create(actor: Actor, dto: CreateIdentityProviderDto): Promise<IdentityProviderView> {
    const mapping = await this.mappingOf(dto, DEFAULT_CLAIM_MAPPING);
    const provider = await this.providers.create({
      name: dto.name,
      issuer: dto.issuer.replace(/\/+$/, ''),
      clientId: dto.client_id,
      clientSecret: dto.client_secret ?? null,
      scopes: withOpenid(dto.scopes ?? DEFAULT_SCOPES),
      domains: dto.domains ?? [],
      required: dto.required ?? false,
      enabled: dto.enabled ?? true,
      claimMapping: mapping,
    });
    await this.record(actor, 'identity-provider.created', provider, dto);
    return this.view(provider);
  }

  async update(actor: Actor, id: string, dto: UpdateIdentityProviderDto): Promise<IdentityProviderView> {
    const current = await this.providers.get(id);
    const changes: Partial<IdentityProviderFields> = {
      name: dto.name,
      issuer: dto.issuer?.replace(/\/+$/, ''),
      clientId: dto.client_id,
      clientSecret: dto.client_secret,
      scopes: dto.scopes ? withOpenid(dto.scopes) : undefined,
      domains: dto.domains,
      required: dto.required,
      enabled: dto.enabled,
      claimMapping: await this.mappingOf(dto, current.claimMapping),
    };
    const provider = await this.providers.update(id, changes);
    await this.record(actor, 'identity-provider.updated', provider, dto);
    return this.view(provider);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const provider = await this.providers.get(id);
    await this.providers.delete(id);
    await this.audit.record({ event: 'identity-provider.deleted', target: id, ...auditedBy(actor), details: { name: provider.name } });
  }

  /** The mapping after this request: the fields given replace the current ones; every role named must exist. */
  private async mappingOf(dto: UpdateIdentityProviderDto, current: ClaimMapping): Promise<ClaimMapping> {
    const mappings = dto.group_mappings?.map((rule) => ({
      value: rule.value,
      roles: rule.roles,
      database_access: rule.database_access ?? {},
    }));
    const named = [...new Set((mappings ?? []).flatMap((rule) => rule.roles))];
    const known = (await this.roles.findNamed(named)).map((role) => role.name);
    const unknown = named.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new BadRequest(`group_mappings names a role that does not exist: "${unknown[0]}"`, 'group_mappings');
    return {
      username_claim: dto.username_claim ?? current.username_claim,
      email_claim: dto.email_claim ?? current.email_claim,
      groups_claim: dto.groups_claim === undefined ? current.groups_claim : dto.groups_claim,
      group_mappings: mappings ?? current.group_mappings,
    };
  }

  /** The audit row says what changed, and whether the secret did; never the secret. */
  private async record(actor: Actor, event: string, provider: IdentityProvider, dto: UpdateIdentityProviderDto): Promise<void> {
    const fields = Object.keys(dto).filter((name) => (dto as Record<string, unknown>)[name] !== undefined);
    await this.audit.record({
      event,
      target: provider.id,
      ...auditedBy(actor),
      details: { name: provider.name, fields: fields.join(' '), required: provider.required, enabled: provider.enabled },
    });
  }

  private async view(provider: IdentityProvider): Promise<IdentityProviderView> {
    return toIdentityProviderView(provider, await this.providers.hasClientSecret(provider.id), this.upstream.redirectUriOf(provider.id));
  }
}

function withOpenid(scopes: string[]): string[] {
  return scopes.includes('openid') ? scopes : ['openid', ...scopes];
}

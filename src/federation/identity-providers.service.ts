import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BadRequest, Conflict, NotFound } from '../common/errors/api-error';
import { ClaimMapping, domainOf } from './claim-mapping';
import { IdentityProvider } from './entities/identity-provider.entity';
import { FederatedIdentity } from './entities/federated-identity.entity';
import { SecretBox } from './secret-box';

export interface IdentityProviderFields {
  name: string;
  issuer: string;
  clientId: string;
  /** A new secret to seal; null removes it (a public client); undefined keeps the current one. */
  clientSecret?: string | null;
  scopes: string[];
  domains: string[];
  required: boolean;
  enabled: boolean;
  claimMapping: ClaimMapping;
}

/**
 * The upstream providers, configured at run time (no restart: every sign-in reads the row, and
 * the discovery cache is keyed by the row's `updated_at`). The only writer of `identity_providers`
 * and `federated_identities`.
 */
@Injectable()
export class IdentityProvidersService {
  constructor(
    @InjectRepository(IdentityProvider) private readonly providers: Repository<IdentityProvider>,
    @InjectRepository(FederatedIdentity) private readonly links: Repository<FederatedIdentity>,
    private readonly box: SecretBox,
  ) {}

  list(): Promise<IdentityProvider[]> {
    return this.providers.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  listEnabled(): Promise<IdentityProvider[]> {
    return this.providers.find({ where: { enabled: true }, order: { name: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<IdentityProvider> {
    const provider = await this.providers.findOneBy({ id });
    if (!provider) throw new NotFound(`No identity provider has the id "${id}"`);
    return provider;
  }

  /** Whether a client secret is stored, without reading it. */
  async hasClientSecret(id: string): Promise<boolean> {
    const row = await this.providers.findOne({ where: { id }, select: { id: true, clientSecretSealed: true } });
    return Boolean(row?.clientSecretSealed);
  }

  async clientSecretOf(id: string): Promise<string | null> {
    const row = await this.providers.findOne({ where: { id }, select: { id: true, clientSecretSealed: true } });
    return row?.clientSecretSealed ? this.box.open(row.clientSecretSealed) : null;
  }

  async create(fields: IdentityProviderFields): Promise<IdentityProvider> {
    const domains = normalisedDomains(fields.domains);
    await this.assertDomainsFree(domains, null);
    const now = new Date();
    const provider = this.providers.create({
      id: randomUUID(),
      ...withoutSecret(fields),
      domains,
      clientSecretSealed: fields.clientSecret ? await this.box.seal(fields.clientSecret) : null,
      createdAt: now,
      updatedAt: now,
    });
    await this.providers.insert(provider);
    return this.get(provider.id);
  }

  async update(id: string, fields: Partial<IdentityProviderFields>): Promise<IdentityProvider> {
    const current = await this.get(id);
    await this.assertSecretFollowsIssuer(current, fields);
    const domains = fields.domains ? normalisedDomains(fields.domains) : undefined;
    if (domains) await this.assertDomainsFree(domains, id);
    const sealed =
      fields.clientSecret === undefined
        ? {}
        : { clientSecretSealed: fields.clientSecret ? await this.box.seal(fields.clientSecret) : null };
    await this.providers.update({ id }, { ...withoutSecret(fields), ...(domains ? { domains } : {}), ...sealed, updatedAt: new Date() });
    return this.get(id);
  }

  /**
   * The stored client secret was issued by the old issuer: it is never sent to a new one (review
   * F21: changing the issuer alone made Tessera present it, in a Basic header, to whatever server the
   * new URL names). A new issuer comes with its own `client_secret`, or `null` for a public client.
   */
  private async assertSecretFollowsIssuer(current: IdentityProvider, fields: Partial<IdentityProviderFields>): Promise<void> {
    if (fields.issuer === undefined || fields.issuer === current.issuer || fields.clientSecret !== undefined) return;
    if (!(await this.clientSecretOf(current.id))) return;
    throw new BadRequest(
      'A new issuer needs its client secret too: give client_secret (or null for a public client) with the new issuer, since the stored one was issued by the old issuer and is never sent to another',
      'client_secret',
    );
  }

  /** Removes the provider and its links; the accounts stay (an administrator may delete or re-enable them). */
  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.links.delete({ providerId: id });
    await this.providers.delete({ id });
  }

  /** The enabled provider serving this e-mail's domain (home-realm discovery), or null. */
  async forEmail(email: string | null | undefined): Promise<IdentityProvider | null> {
    const domain = domainOf(email);
    if (!domain) return null;
    return (await this.listEnabled()).find((provider) => provider.domains.includes(domain)) ?? null;
  }

  /**
   * The provider marked "required" for the e-mail's domain, on or off: switching a required
   * provider off does not hand its people their local passwords back (review SI4).
   */
  async requiredFor(email: string | null | undefined): Promise<IdentityProvider | null> {
    const domain = domainOf(email);
    if (!domain) return null;
    return (await this.list()).find((provider) => provider.required && provider.domains.includes(domain)) ?? null;
  }

  /** A domain belongs to one provider only, so home-realm discovery and "required" are never ambiguous. */
  private async assertDomainsFree(domains: string[], exceptId: string | null): Promise<void> {
    for (const other of await this.providers.find()) {
      const shared = other.id === exceptId ? [] : other.domains.filter((domain) => domains.includes(domain));
      if (shared.length > 0) throw new Conflict(`The domain "${shared[0]}" is already served by the provider "${other.name}"`, 'domains');
    }
  }
}

function withoutSecret(fields: Partial<IdentityProviderFields>): Partial<Omit<IdentityProvider, 'clientSecretSealed'>> {
  const { clientSecret: _secret, ...rest } = fields;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
}

function normalisedDomains(domains: string[]): string[] {
  return [...new Set(domains.map((domain) => domain.trim().toLowerCase()).filter(Boolean))];
}

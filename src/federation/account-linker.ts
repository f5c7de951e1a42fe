import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { User } from '../users/entities/user.entity';
import { RolesService } from '../users/roles.service';
import { UsersService } from '../users/users.service';
import { mapClaims, MappedPerson } from './claim-mapping';
import { FederatedIdentity } from './entities/federated-identity.entity';
import type { IdentityProvider } from './entities/identity-provider.entity';
import { FederatedSignInFailed } from './federation.errors';

/** The verified upstream identity: `iss` and `sub` from the ID token, and every claim. */
export interface UpstreamIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

/**
 * From a verified upstream identity to a Tessera account. The link is the provider's `iss` + `sub`
 * and nothing else: an e-mail address, even one that matches an existing account, never links
 * (OpenID Connect Core §5.7). The first sign-in creates the person (just-in-time provisioning);
 * every sign-in sets their roles and database access from the claim mapping again.
 */
@Injectable()
export class AccountLinker {
  constructor(
    @InjectRepository(FederatedIdentity) private readonly links: Repository<FederatedIdentity>,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  async signIn(provider: IdentityProvider, identity: UpstreamIdentity, ip: string | null): Promise<User> {
    const mapped = mapClaims(identity.claims, provider.claimMapping);
    const link = await this.links.findOneBy({ issuer: identity.issuer, subject: identity.subject });
    const linked = link ? await this.users.findById(link.userId) : null;
    if (link && !linked) await this.links.delete({ id: link.id });
    const user = linked ?? (await this.provisionOnce(provider, identity, mapped, ip));
    if (user.disabled || user.kind !== 'person') throw new FederatedSignInFailed('This account is disabled. Ask your administrator.');
    await this.applyMapping(user, mapped);
    await this.links.update({ issuer: identity.issuer, subject: identity.subject }, { lastSignInAt: new Date(), providerId: provider.id });
    return (await this.users.findById(user.id))!;
  }

  /** Two first sign-ins of one person at once: the unique (iss, sub) index lets one link win; the other's new account is removed. */
  private async provisionOnce(
    provider: IdentityProvider,
    identity: UpstreamIdentity,
    mapped: MappedPerson,
    ip: string | null,
  ): Promise<User> {
    const username = await this.freeUsername(mapped.username ?? mapped.email ?? identity.subject, identity);
    const user = await this.users.create({ username, email: mapped.email, kind: 'person', roles: [] });
    if (await this.link(provider, identity, user.id)) {
      await this.audit.record({
        event: 'user.provisioned',
        actorId: user.id,
        actorName: user.username,
        target: user.id,
        ip,
        details: { provider: provider.name },
      });
      return user;
    }
    await this.users.delete(user.id);
    const winner = await this.links.findOneBy({ issuer: identity.issuer, subject: identity.subject });
    const found = winner ? await this.users.findById(winner.userId) : null;
    if (!found) throw new FederatedSignInFailed();
    return found;
  }

  private async link(provider: IdentityProvider, identity: UpstreamIdentity, userId: string): Promise<boolean> {
    const now = new Date();
    const row = {
      id: randomUUID(),
      providerId: provider.id,
      issuer: identity.issuer,
      subject: identity.subject,
      userId,
      createdAt: now,
      lastSignInAt: now,
    };
    return this.links.insert(row).then(
      () => true,
      () => false,
    );
  }

  /** The mapped roles (or the default role when no rule matched) and database access, replacing the previous ones. */
  private async applyMapping(user: User, mapped: MappedPerson): Promise<void> {
    const wanted = mapped.roles ?? [(await this.roles.findDefault())?.name].filter((name): name is string => Boolean(name));
    const existing = (await this.roles.findNamed(wanted)).map((role) => role.name);
    await this.users.setRoles(user.id, existing);
    await this.users.setDatabaseAccess(user.id, mapped.databaseAccess);
    if (mapped.email && mapped.email !== user.email) await this.users.update(user.id, { email: mapped.email });
  }

  /** The claimed name, or, when a local account already has it, the name with a suffix from the link (never that account). */
  private async freeUsername(claimed: string, identity: UpstreamIdentity): Promise<string> {
    // The console's rule for user names (letters, digits and . _ @ -): anything else becomes _.
    const name = claimed.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 100);
    if (!(await this.users.usernameTaken(name))) return name;
    const suffix = createHash('sha256').update(`${identity.issuer} ${identity.subject}`).digest('hex').slice(0, 8);
    return `${name}-${suffix}`;
  }
}

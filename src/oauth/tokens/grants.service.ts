import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { AccessToken } from '../entities/access-token.entity';
import { Grant } from '../entities/grant.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { ClientsService } from '../../clients/clients.service';
import { KeysService } from '../../keys/keys.service';
import { UserEvents } from '../../users/user-events';
import { UsersService } from '../../users/users.service';
import type { AccessTokenFacts } from './access-token.check';
import { RevocationFeed } from './revocation-feed.service';

export interface NewGrant {
  grantType: string;
  clientId: string;
  userId: string | null;
  subject: string;
  scopes: readonly string[];
  nonce?: string | null;
  authTime?: Date | null;
  /** The grant whose delegated token started this one (DAS-style Bearer authorization): it ends with it. */
  mintedByGrant?: string | null;
}

/**
 * Grants: one chain of tokens from one authorization. Revoking a grant revokes every access and
 * refresh token issued from it (RFC 7009 §2.1, RFC 9700 §4.14.2), then tells every instance; and
 * ends what its delegated tokens made in the person's name: grants started on the Bearer path,
 * keys and PATs, applications (review R05).
 */
@Injectable()
export class GrantsService {
  constructor(
    @InjectRepository(Grant) private readonly grants: Repository<Grant>,
    private readonly dataSource: DataSource,
    private readonly feed: RevocationFeed,
    private readonly keys: KeysService,
    private readonly clients: ClientsService,
    private readonly users: UsersService,
    events: UserEvents,
  ) {
    // A new password ends every grant and access token acting for the person (issue 11, F16).
    events.onPasswordChanged(({ userId }) => this.revokeAllOfUser(userId));
  }

  async create(input: NewGrant, id: string = randomUUID()): Promise<Grant> {
    const grant = this.grants.create({
      id,
      grantType: input.grantType,
      clientId: input.clientId,
      userId: input.userId,
      subject: input.subject,
      scopes: [...input.scopes],
      nonce: input.nonce ?? null,
      authTime: input.authTime ?? null,
      mintedByGrant: input.mintedByGrant ?? null,
      revokedAt: null,
      createdAt: new Date(),
    });
    await this.grants.insert(grant);
    return grant;
  }

  findActive(id: string): Promise<Grant | null> {
    return this.grants.findOneBy({ id, revokedAt: IsNull() });
  }

  /** Whether it was still active: revoking a revoked grant writes nothing and tells no instance (R14). */
  async revoke(grantId: string): Promise<boolean> {
    return (await this.revokeWhere([grantId])) > 0;
  }

  /** Every grant and every access token of a client (the app was deleted or its owner revoked it). */
  async revokeAllOfClient(clientId: string): Promise<number> {
    const ids = (await this.grants.find({ where: { clientId, revokedAt: IsNull() }, select: { id: true } })).map((g) => g.id);
    await this.revokeWhere(ids);
    await this.revokeAccessTokensOfClient(clientId);
    return ids.length;
  }

  /**
   * A person's applications stop with her (reviews A4, A8). Disabled: the access tokens they hold
   * for anyone are refused from now (each client's not-before time); the applications authenticate
   * nowhere meanwhile (ClientAuthenticator), and the grants other people gave them resume when she
   * is enabled again. Deleted: `revokeAllOfClient` for each, with the ids read before her row (and
   * with it her applications) went.
   */
  async revokeAccessTokensOfClientsOwnedBy(ownerId: string): Promise<void> {
    for (const clientId of await this.clientIdsOwnedBy(ownerId)) await this.revokeAccessTokensOfClient(clientId);
  }

  async clientIdsOwnedBy(ownerId: string): Promise<string[]> {
    return (await this.clients.listOwned(ownerId)).map((app) => app.clientId);
  }

  /**
   * Every access token issued to a client until now (its secret was rotated: issue 16), by its
   * not-before time; its grants and refresh tokens stay.
   */
  async revokeAccessTokensOfClient(clientId: string): Promise<void> {
    await this.dataSource.getRepository(AccessToken).update({ clientId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.feed.publish('client', clientId);
  }

  /**
   * Every grant a user gave a client (`DELETE /api/grants/:id`), and, when the user owns the
   * client, its client-credentials tokens (they act with the owner's rights; nobody else's do).
   */
  async revokeAllOfUserAndClient(userId: string, clientId: string): Promise<number> {
    const ids = (await this.grants.find({ where: { clientId, userId, revokedAt: IsNull() }, select: { id: true } })).map((g) => g.id);
    await this.revokeWhere(ids);
    if ((await this.clients.findById(clientId))?.ownerId === userId) await this.revokeAccessTokensOfClient(clientId);
    return ids.length;
  }

  /**
   * Every grant and access token acting for a user, its own applications' client-credentials
   * tokens included: its not-before time refuses every token issued for it until now.
   */
  async revokeAllOfUser(userId: string): Promise<void> {
    // The not-before time first: a grant a sign-in writes after the search below sees it (R15).
    await this.feed.publish('user', userId);
    const ids = (await this.grants.find({ where: { userId, revokedAt: IsNull() }, select: { id: true } })).map((g) => g.id);
    await this.revokeWhere(ids);
    await this.dataSource.getRepository(AccessToken).update({ userId, grantId: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * One access token: its grant when it has one, else its `jti` on the deny list until it expires.
   * Whether anything changed: a token already refused writes nothing and tells no instance (R14).
   */
  async revokeAccessToken(token: AccessTokenFacts): Promise<boolean> {
    if (this.feed.refuses(token)) return false;
    if (token.grantId) return this.revoke(token.grantId);
    await this.dataSource.getRepository(AccessToken).update({ jti: token.jti, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.feed.publish('jti', token.jti, token.expiresAtMs);
    return true;
  }

  /** Revokes those of the grants still active, and only those are published and cascaded (R14). How many. */
  private async revokeWhere(grantIds: string[]): Promise<number> {
    if (grantIds.length === 0) return 0;
    const now = new Date();
    const active = await this.dataSource.transaction(async (manager) => {
      const found = await manager.find(Grant, { where: { id: In(grantIds), revokedAt: IsNull() }, select: { id: true } });
      const ids = found.map((grant) => grant.id);
      if (ids.length === 0) return ids;
      await manager.update(Grant, { id: In(ids), revokedAt: IsNull() }, { revokedAt: now });
      await manager.update(AccessToken, { grantId: In(ids), revokedAt: IsNull() }, { revokedAt: now });
      await manager.update(RefreshToken, { grantId: In(ids), revokedAt: IsNull() }, { revokedAt: now });
      return ids;
    });
    for (const id of active) await this.feed.publish('grant', id);
    if (active.length > 0) await this.endWhatTheyMinted(active);
    return active.length;
  }

  /** What delegated tokens of these grants made in the person's name ends with them; grants made so end in turn. */
  private async endWhatTheyMinted(grantIds: string[]): Promise<void> {
    await this.keys.revokeMintedBy(grantIds);
    for (const apiUserId of await this.users.endApiTokensMintedBy(grantIds)) await this.revokeAllOfUser(apiUserId);
    for (const app of await this.clients.findMintedBy(grantIds)) {
      await this.revokeAllOfClient(app.clientId);
      await this.clients.delete(app.clientId);
    }
    const children = await this.grants.find({ where: { mintedByGrant: In(grantIds), revokedAt: IsNull() }, select: { id: true } });
    await this.revokeWhere(children.map((grant) => grant.id));
  }

  /** The person's grants that still hold (`/api/grants`), newest first. */
  activeOfUser(userId: string): Promise<Grant[]> {
    return this.grants.find({ where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC', id: 'ASC' } });
  }
}

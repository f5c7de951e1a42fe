import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { generateSecret, safeEqual, sha256 } from '../common/secrets';
import { Client } from './client.entity';

export const CLIENT_SECRET_PREFIX = 'tcs_';

export interface NewClient {
  ownerId: string;
  name: string;
  description: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  confidential: boolean;
  grantTypes: string[];
  scopes: string[];
  accessTokenTtl: number | null;
  refreshTokenTtl: number | null;
  clientCredentialsRefresh: boolean;
  /** The grant whose delegated token registered the app (it is deleted with that grant), or null. */
  mintedByGrant?: string | null;
}

export type ClientChanges = Partial<Omit<NewClient, 'ownerId' | 'confidential' | 'mintedByGrant'>>;

/** OAuth client applications: ids and secrets generated here, secrets kept as SHA-256. */
@Injectable()
export class ClientsService {
  constructor(@InjectRepository(Client) private readonly clients: Repository<Client>) {}

  /** The new client and, for a confidential one, its secret (shown once). */
  async create(input: NewClient): Promise<{ client: Client; secret: string | null }> {
    const secret = input.confidential ? generateSecret(CLIENT_SECRET_PREFIX) : null;
    const now = new Date();
    const client = this.clients.create({
      ...input,
      mintedByGrant: input.mintedByGrant ?? null,
      clientId: randomBytes(16).toString('base64url'),
      secretHash: secret ? sha256(secret) : null,
      introspection: false,
      createdAt: now,
      updatedAt: now,
    });
    await this.clients.insert(client);
    return { client, secret };
  }

  findById(clientId: string): Promise<Client | null> {
    return this.clients.findOneBy({ clientId });
  }

  /** Applications a delegated token registered with one of these grants (review R05). */
  findMintedBy(grantIds: readonly string[]): Promise<Client[]> {
    return grantIds.length === 0 ? Promise.resolve([]) : this.clients.findBy({ mintedByGrant: In([...grantIds]) });
  }

  exists(clientId: string): Promise<boolean> {
    return this.clients.existsBy({ clientId });
  }

  findOwned(ownerId: string, clientId: string): Promise<Client | null> {
    return this.clients.findOneBy({ ownerId, clientId });
  }

  listOwned(ownerId: string): Promise<Client[]> {
    return this.clients.find({ where: { ownerId }, order: { createdAt: 'ASC', clientId: 'ASC' } });
  }

  async update(client: Client, changes: ClientChanges): Promise<Client> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as ClientChanges;
    Object.assign(client, defined, { updatedAt: new Date() });
    await this.clients.save(client);
    return client;
  }

  /** Only administrators decide this (AdminAppsService): it is not one of the owner's changes. */
  async setIntrospection(client: Client, introspection: boolean): Promise<Client> {
    await this.clients.update({ clientId: client.clientId }, { introspection, updatedAt: new Date() });
    return Object.assign(client, { introspection });
  }

  async rotateSecret(client: Client): Promise<string> {
    const secret = generateSecret(CLIENT_SECRET_PREFIX);
    await this.clients.update({ clientId: client.clientId }, { secretHash: sha256(secret), updatedAt: new Date() });
    return secret;
  }

  async delete(clientId: string): Promise<void> {
    await this.clients.delete({ clientId });
  }

  /** True when the secret is the client's current one (compared as hashes, in constant time). */
  static secretMatches(client: Client, secret: string): boolean {
    return Boolean(client.secretHash && safeEqual(client.secretHash, sha256(secret)));
  }

  /** The client with its secret's hash, as client authentication reads it (uncached: the caller caches). */
  findWithSecret(clientId: string): Promise<Client | null> {
    return this.clients
      .createQueryBuilder('client')
      .addSelect('client.secretHash')
      .where('client.clientId = :clientId', { clientId })
      .getOne();
  }
}

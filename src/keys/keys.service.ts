import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { CredentialCaches } from '../auth/cache/credential-caches';
import type { ShortLivedCache } from '../auth/cache/short-lived-cache';
import { NotFound } from '../common/errors/api-error';
import { generateSecret, sha256 } from '../common/secrets';
import { UserEvents } from '../users/user-events';
import { ApiKey, ApiKeyKind } from './api-key.entity';

const PREFIXES: Record<ApiKeyKind, string> = { api_key: 'tsk_', personal_token: 'tpat_' };
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreateKeyInput {
  name: string;
  kind: ApiKeyKind;
  scopes: string[];
  expiresAt: Date | null;
  /** The grant whose delegated token asked for the key (it ends with that grant), or null. */
  mintedByGrant?: string | null;
}

/** API keys and personal access tokens: created once, stored as SHA-256, revocable. */
@Injectable()
export class KeysService {
  /** Active keys by hash: at most 0.5 s old, emptied with the other credential caches. */
  private readonly usable: ShortLivedCache<ApiKey>;

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    caches: CredentialCaches,
    events: UserEvents,
  ) {
    this.usable = caches.create<ApiKey>();
    // A new password ends the person's personal access tokens; read-only API keys stay (docs/security.md, "Passwords").
    events.onPasswordChanged(({ userId }) => this.revokePersonalTokensOf(userId));
  }

  async create(userId: string, input: CreateKeyInput): Promise<{ key: ApiKey; secret: string }> {
    const secret = generateSecret(PREFIXES[input.kind]);
    const key = this.keys.create({
      id: randomUUID(),
      userId,
      kind: input.kind,
      name: input.name,
      prefix: secret.slice(0, 12),
      keyHash: sha256(secret),
      scopes: input.scopes,
      expiresAt: input.expiresAt,
      mintedByGrant: input.mintedByGrant ?? null,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: new Date(),
    });
    await this.keys.insert(key);
    return { key, secret };
  }

  listOf(userId: string): Promise<ApiKey[]> {
    return this.keys.find({ where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async revoke(userId: string, id: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ id, userId, revokedAt: IsNull() });
    if (!key) throw new NotFound(`No API key with id "${id}"`);
    await this.keys.update({ id }, { revokedAt: new Date() });
    return key;
  }

  /** Keys and PATs a delegated token made with one of these grants: they end with it (review R05). */
  async revokeMintedBy(grantIds: readonly string[]): Promise<void> {
    if (grantIds.length === 0) return;
    await this.keys.update({ mintedByGrant: In([...grantIds]), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Other instances drop cached keys within the caches' 0.5 s lifetime; this one at once (CredentialCacheInvalidator). */
  async revokePersonalTokensOf(userId: string): Promise<void> {
    await this.keys.update({ userId, kind: 'personal_token', revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /**
   * The key when it exists, is not revoked and has not expired; records when it was last used
   * (at most once a minute per key). Active keys are cached for up to 1 s; revoking one clears the
   * cache on this instance at once (CredentialCacheInvalidator).
   */
  async findUsable(secret: string): Promise<ApiKey | null> {
    const hash = sha256(secret);
    const key = await this.usable.getOrLoad(hash, () => this.keys.findOneBy({ keyHash: hash, revokedAt: IsNull() }));
    const now = Date.now();
    if (!key || (key.expiresAt && key.expiresAt.getTime() <= now)) return null;
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      key.lastUsedAt = new Date(now);
      await this.keys.update({ id: key.id }, { lastUsedAt: key.lastUsedAt });
    }
    return key;
  }
}

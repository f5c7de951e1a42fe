import { Injectable } from '@nestjs/common';
import type { Client } from '../../clients/client.entity';
import type { Database } from '../../databases/database.entity';
import type { Authority } from '../../users/authority';
import { ShortLivedCache } from './short-lived-cache';

/**
 * Entries live at most this long, so a change made on another instance is seen here within the
 * 1 s every instance has (docs/decisions.md): half of it; the other half is for the request that notices.
 */
export const CREDENTIAL_CACHE_TTL_MS = 500;
const MAX_ENTRIES = 10_000;

/**
 * What the per-request credential and access checks read: users' current rights, active API keys
 * by hash, client applications (with their secret's hash) and the databases catalogue. Cleared on
 * this instance by every write to the tables they come from (CredentialCacheInvalidator).
 */
@Injectable()
export class CredentialCaches {
  private readonly all: ShortLivedCache<unknown>[] = [];
  readonly authorities = this.create<Authority>();
  readonly clients = this.create<Client>();
  readonly databases = this.create<Database>();

  /**
   * A cache for a module above this one (API keys): made here, so the one invalidator empties it
   * with the others and its entries live no longer than theirs.
   */
  create<T>(): ShortLivedCache<T> {
    const cache = new ShortLivedCache<T>(CREDENTIAL_CACHE_TTL_MS, MAX_ENTRIES);
    this.all.push(cache as ShortLivedCache<unknown>);
    return cache;
  }

  clear(): void {
    for (const cache of this.all) cache.clear();
  }
}

import { Injectable } from '@nestjs/common';
import type { Client } from '../../clients/client.entity';
import type { Database } from '../../databases/database.entity';
import type { ApiKey } from '../../keys/api-key.entity';
import type { Authority } from '../../users/authority';
import { ShortLivedCache } from './short-lived-cache';

/**
 * Entries live at most this long, so a change made on another instance is seen well within the
 * 1 s of DESIGN §3 (half of it: the other half is for the request that notices).
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
  readonly authorities = new ShortLivedCache<Authority>(CREDENTIAL_CACHE_TTL_MS, MAX_ENTRIES);
  readonly apiKeys = new ShortLivedCache<ApiKey>(CREDENTIAL_CACHE_TTL_MS, MAX_ENTRIES);
  readonly clients = new ShortLivedCache<Client>(CREDENTIAL_CACHE_TTL_MS, MAX_ENTRIES);
  readonly databases = new ShortLivedCache<Database>(CREDENTIAL_CACHE_TTL_MS, MAX_ENTRIES);

  clear(): void {
    this.authorities.clear();
    this.apiKeys.clear();
    this.clients.clear();
    this.databases.clear();
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, InsertEvent, RemoveEvent, TransactionCommitEvent, UpdateEvent } from 'typeorm';
import { CredentialCaches } from './credential-caches';

/** The tables the cached values are read from (users.authorityOf, KeysService, ClientsService, DatabaseVisibility). */
const WATCHED_TABLES = new Set([
  'users',
  'roles',
  'user_roles',
  'database_access',
  'api_keys',
  'clients',
  'project_databases',
  'revocations',
]);
const CHANGED_IN_TRANSACTION = 'credentialCachesStale';

type WriteEvent = InsertEvent<unknown> | UpdateEvent<unknown> | RemoveEvent<unknown>;

/**
 * Clears the credential caches on every write to a watched table made through TypeORM on this
 * instance (revoking a key, disabling a user, changing roles or database access), so the next
 * request sees it; again when a transaction holding such a write commits, so a read made before
 * the commit cannot linger. Other instances (and raw SQL) are covered by the 1 s time to live.
 */
@Injectable()
export class CredentialCacheInvalidator implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caches: CredentialCaches,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  afterInsert(event: InsertEvent<unknown>): void {
    this.onWrite(event);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    if (!onlyRecordsUse(event)) this.onWrite(event);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.onWrite(event);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data?.[CHANGED_IN_TRANSACTION]) return;
    delete event.queryRunner.data[CHANGED_IN_TRANSACTION];
    this.caches.clear();
  }

  private onWrite(event: WriteEvent): void {
    if (!WATCHED_TABLES.has(event.metadata.tableName) || revokesOneToken(event)) return;
    this.caches.clear();
    if (event.queryRunner.isTransactionActive) event.queryRunner.data = { ...event.queryRunner.data, [CHANGED_IN_TRANSACTION]: true };
  }
}

/** `last_used_at` bookkeeping changes no one's rights; it must not empty the caches every minute. */
function onlyRecordsUse(event: UpdateEvent<unknown>): boolean {
  if (event.metadata.tableName !== 'api_keys' || !event.entity) return false;
  return Object.keys(event.entity).every((property) => property === 'lastUsedAt');
}

/**
 * One access token revoked (`revocations` row of kind `jti`) changes no cached credential: the
 * verifier drops that token's entries itself (RevocationFeed). Emptying every cache for it let an
 * application make each instance read every credential again at its rate limit (review 3).
 */
function revokesOneToken(event: WriteEvent): boolean {
  return event.metadata.tableName === 'revocations' && (event.entity as { kind?: string } | undefined)?.kind === 'jti';
}

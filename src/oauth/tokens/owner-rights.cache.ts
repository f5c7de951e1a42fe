import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, InsertEvent, RemoveEvent, UpdateEvent } from 'typeorm';
import type { Authority } from '../../users/authority';
import { UsersService } from '../../users/users.service';
import { RevocationFeed } from './revocation-feed.service';

/** The tables a user's rights are made of. */
const RIGHTS_TABLES = new Set(['users', 'roles', 'user_roles', 'database_access']);
/** User columns that do not change what the user may do (login bookkeeping, secrets). */
const IRRELEVANT_USER_COLUMNS = new Set(['failedLoginCount', 'lockedUntil', 'updatedAt', 'passwordHash', 'apiTokenHash']);
/** The longest a cached entry is trusted, even if a change bypassed TypeORM (raw SQL). */
const MAX_AGE_MS = 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  authority: Authority | null;
  readAt: number;
}

/**
 * Token owners' rights for the Bearer path, so a cached JWT costs no query. Any write to users,
 * roles, role assignments or database access through TypeORM empties the cache at once here
 * (a TypeORM subscriber, again after the transaction commits) and, through the RevocationFeed,
 * on every other instance within a second. An entry is never older than one second, so even a
 * change made outside TypeORM takes effect within a second.
 */
@Injectable()
export class OwnerRightsCache implements EntitySubscriberInterface {
  private entries = new Map<string, Entry>();
  private generation = 0;
  private announcing = false;

  constructor(private readonly users: UsersService, private readonly feed: RevocationFeed, dataSource: DataSource) {
    dataSource.subscribers.push(this);
    feed.onRevocation(() => this.forgetAll());
  }

  async authorityOf(userId: string): Promise<Authority | null> {
    const cached = this.entries.get(userId);
    if (cached && Date.now() - cached.readAt < MAX_AGE_MS) return cached.authority;
    const generation = this.generation;
    const authority = await this.users.authorityOf(userId);
    if (generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries = new Map();
      this.entries.set(userId, { authority, readAt: Date.now() });
    }
    return authority;
  }

  afterInsert(event: InsertEvent<unknown>): void {
    this.changed(event.metadata.tableName);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    if (event.metadata.tableName === 'users' && onlyBookkeeping(event)) return;
    this.changed(event.metadata.tableName);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.changed(event.metadata.tableName);
  }

  /** A reader may have cached rows between the write and its commit. */
  afterTransactionCommit(): void {
    this.forgetAll();
  }

  private forgetAll(): void {
    this.generation++;
    if (this.entries.size > 0) this.entries = new Map();
  }

  private changed(table: string): void {
    if (!RIGHTS_TABLES.has(table)) return;
    this.forgetAll();
    this.announce();
  }

  /** Tells the other instances once the current write (and its transaction) is over. */
  private announce(): void {
    if (this.announcing) return;
    this.announcing = true;
    setTimeout(() => {
      this.announcing = false;
      this.feed.publish('user', 'rights-changed').catch(() => undefined);
    }, 0);
  }
}

/** `save()` reports the updated columns; a query-builder `update()` passes the values it sets as `entity`. */
function onlyBookkeeping(event: UpdateEvent<unknown>): boolean {
  const columns = event.updatedColumns.length > 0
    ? event.updatedColumns.map((column) => column.propertyName)
    : Object.keys((event.entity ?? {}) as object);
  return columns.length > 0 && columns.every((column) => IRRELEVANT_USER_COLUMNS.has(column));
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScopeListColumn, TimestampColumn } from '../database/columns';

export type ApiKeyKind = 'api_key' | 'personal_token';

/** A personal API key (`tsk_…`, read-only, for Power Query) or personal access token (`tpat_…`). */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ApiKeyKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64, select: false })
  keyHash: string;

  @ScopeListColumn()
  scopes: string[];

  @TimestampColumn('expires_at', { nullable: true })
  expiresAt: Date | null;

  @TimestampColumn('last_used_at', { nullable: true })
  lastUsedAt: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt: Date | null;

  /** The grant whose delegated token made this (review R05): it ends when that grant is withdrawn; null when made directly. */
  @Column({ name: 'minted_by_grant', type: 'varchar', length: 36, nullable: true })
  mintedByGrant: string | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScopeListColumn, TimestampColumn } from '../../database/columns';

/**
 * One chain of tokens issued from one grant (a code exchange, a password login, a client
 * credentials request). Revoking the grant revokes every access and refresh token from it.
 */
@Entity('grants')
export class Grant {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'grant_type', type: 'varchar', length: 32 })
  grantType: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 128 })
  subject: string;

  @ScopeListColumn()
  scopes: string[];

  @Column({ type: 'varchar', length: 255, nullable: true })
  nonce: string | null;

  @TimestampColumn('auth_time', { nullable: true })
  authTime: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt: Date | null;

  /** The grant whose delegated token made this (review R05): it ends when that grant is withdrawn; null when made directly. */
  @Column({ name: 'minted_by_grant', type: 'varchar', length: 36, nullable: true })
  mintedByGrant: string | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScopeListColumn, TimestampColumn } from '../../database/columns';

/** An opaque refresh token, kept as its SHA-256; rotated on every use (RFC 9700 §4.14.2). */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'grant_id', type: 'varchar', length: 36 })
  grantId: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @ScopeListColumn()
  scopes: string[];

  @TimestampColumn('expires_at')
  expiresAt: Date;

  @TimestampColumn('idle_expires_at')
  idleExpiresAt: Date;

  @TimestampColumn('rotated_at', { nullable: true })
  rotatedAt: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt: Date | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScopeListColumn, TimestampColumn } from '../../database/columns';

/** A row per issued JWT access token (by `jti`), so it can be revoked before it expires. */
@Entity('access_tokens')
export class AccessToken {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  jti: string;

  @Column({ name: 'grant_id', type: 'varchar', length: 36, nullable: true })
  grantId: string | null;

  @Column({ name: 'client_id', type: 'varchar', length: 128, nullable: true })
  clientId: string | null;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @ScopeListColumn()
  scopes: string[];

  @TimestampColumn('expires_at')
  expiresAt: Date;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt: Date | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

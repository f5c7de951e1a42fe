import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScopeListColumn, TimestampColumn } from '../../database/columns';

/** An authorization code (RFC 6749 §4.1.2), kept as its SHA-256, single use, ≤ 10 minutes. */
@Entity('authorization_codes')
export class AuthorizationCode {
  @PrimaryColumn({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri: string;

  @ScopeListColumn()
  scopes: string[];

  @Column({ name: 'code_challenge', type: 'varchar', length: 128, nullable: true })
  codeChallenge: string | null;

  @Column({ name: 'code_challenge_method', type: 'varchar', length: 8, nullable: true })
  codeChallengeMethod: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  nonce: string | null;

  @TimestampColumn('auth_time', { nullable: true })
  authTime: Date | null;

  /** OIDC `amr` values of the sign-in, space-separated (`pwd`, `fed`). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  amr: string | null;

  @TimestampColumn('expires_at')
  expiresAt: Date;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt: Date | null;

  @Column({ name: 'grant_id', type: 'varchar', length: 36, nullable: true })
  grantId: string | null;

  /** The grant whose delegated token made this (review R05): it ends when that grant is withdrawn; null when made directly. */
  @Column({ name: 'minted_by_grant', type: 'varchar', length: 36, nullable: true })
  mintedByGrant: string | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

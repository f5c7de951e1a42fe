import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/** A browser session, stored in the database so every instance shares it; the id kept as SHA-256. */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken: string;

  /** How the person signed in (RFC 8176 `amr` values, space-separated): `pwd`, `pwd otp`, or `fed` upstream; null (older rows): a local password. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  amr: string | null;

  /** The upstream identity provider the person signed in through, if any. */
  @Column({ name: 'identity_provider_id', type: 'varchar', length: 36, nullable: true })
  identityProviderId: string | null;

  @TimestampColumn('expires_at')
  expiresAt: Date;

  @TimestampColumn('last_seen_at')
  lastSeenAt: Date;

  @TimestampColumn('created_at')
  createdAt: Date;

  /** The browser's User-Agent at sign-in (cut to 255), shown to its owner as the device. */
  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** Set while the sign-in waits for its second step (`otp`: a code; `enrol`: setting up TOTP); such a session authenticates nothing. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  pending: SessionStep | null;
}

export type SessionStep = 'otp' | 'enrol';

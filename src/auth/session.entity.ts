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

  /** How the person signed in (OpenID Connect `amr` values, space-separated), e.g. `fed`; null: a local password. */
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
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/**
 * An upstream sign-in under way: what the callback must match (the `state`, kept as its SHA-256,
 * and the browser that started it), and what it must prove (`nonce`, PKCE verifier). Single use.
 */
@Entity('federation_logins')
export class FederationLogin {
  @PrimaryColumn({ name: 'state_hash', type: 'varchar', length: 64 })
  stateHash: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId: string;

  @Column({ name: 'browser_hash', type: 'varchar', length: 64 })
  browserHash: string;

  @Column({ type: 'varchar', length: 64 })
  nonce: string;

  @Column({ name: 'code_verifier', type: 'varchar', length: 128 })
  codeVerifier: string;

  @Column({ name: 'return_to', type: 'text' })
  returnTo: string;

  @Column({ name: 'max_age', type: 'integer', nullable: true })
  maxAge: number | null;

  @TimestampColumn('expires_at')
  expiresAt: Date;

  @TimestampColumn('consumed_at', { nullable: true })
  consumedAt: Date | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

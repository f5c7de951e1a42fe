import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/**
 * What a revocation ended: one access token (`jti`), a grant, or everything issued before it
 * to a client or for a user (their not-before time).
 */
export type RevocationKind = 'jti' | 'grant' | 'user' | 'client';

/**
 * The revocation sequence: every revocation appends a row, and every instance applies the rows
 * it has not seen (RevocationFeed) to the revocations it holds in memory.
 */
@Entity('revocations')
export class Revocation {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 16 })
  kind: RevocationKind;

  @Column({ type: 'varchar', length: 128 })
  ref: string;

  @TimestampColumn('created_at')
  createdAt: Date;

  /** After this no token the row refuses is unexpired; null on rows written before issue 16. */
  @TimestampColumn('expires_at', { nullable: true })
  expiresAt: Date | null;
}

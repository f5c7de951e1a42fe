import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/** What a revocation ended: one access token, a grant, everything of a user, or a client's loose tokens. */
export type RevocationKind = 'jti' | 'grant' | 'user' | 'client';

/**
 * The revocation sequence: every revocation appends a row. Instances without Redis poll it to
 * drop cached credentials within a second.
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
}

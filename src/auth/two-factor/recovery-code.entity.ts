import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/** One of a person's ten single-use recovery codes, kept as SHA-256 (80 random bits each). */
@Entity('recovery_codes')
export class RecoveryCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @TimestampColumn('used_at', { nullable: true })
  usedAt: Date | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

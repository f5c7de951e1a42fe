import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/** A person's TOTP secret (sealed with a server key), confirmed once a first code matched; `last_step` refuses replays. */
@Entity('two_factor_enrolments')
export class TwoFactorEnrolment {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'secret_sealed', type: 'varchar', length: 255, select: false })
  secretSealed: string;

  /** Null while the set-up page waits for the first code. */
  @TimestampColumn('confirmed_at', { nullable: true })
  confirmedAt: Date | null;

  /** The RFC 6238 time step of the last code accepted: a code of that step or an earlier one is refused. */
  @Column({ name: 'last_step', type: 'integer', nullable: true })
  lastStep: number | null;

  @TimestampColumn('created_at')
  createdAt: Date;
}

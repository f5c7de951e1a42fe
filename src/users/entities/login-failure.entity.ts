import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/** Failed sign-ins for one user name, whether or not an account has that name (keyed by its SHA-256). */
@Entity('login_failures')
export class LoginFailure {
  @PrimaryColumn({ name: 'name_hash', type: 'varchar', length: 64 })
  nameHash: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @TimestampColumn('locked_until', { nullable: true })
  lockedUntil: Date | null;

  @TimestampColumn('updated_at')
  updatedAt: Date;
}

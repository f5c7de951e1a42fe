import { Entity, PrimaryColumn } from 'typeorm';
import { BooleanColumn, ScopeListColumn, TimestampColumn } from '../../database/columns';

/** A named set of scopes; one role is the default for new registrations. */
@Entity('roles')
export class Role {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @ScopeListColumn()
  scopes: string[];

  @BooleanColumn('is_default')
  isDefault: boolean;

  /** Its holders must sign in with a second factor (issue 15); Administrator is marked when shipped. */
  @BooleanColumn('two_factor_required', { default: false })
  twoFactorRequired: boolean;

  @TimestampColumn('created_at')
  createdAt: Date;
}

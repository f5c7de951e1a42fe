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

  @TimestampColumn('created_at')
  createdAt: Date;
}

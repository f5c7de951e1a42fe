import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScopeListColumn, TimestampColumn } from '../../database/columns';

/** A person's standing consent for one client; listed and withdrawn through `/api/grants`. */
@Entity('consents')
export class Consent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'client_id', type: 'varchar', length: 128 })
  clientId: string;

  @ScopeListColumn()
  scopes: string[];

  @TimestampColumn('created_at')
  createdAt: Date;

  @TimestampColumn('updated_at')
  updatedAt: Date;
}

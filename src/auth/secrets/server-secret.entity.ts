import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns';

/** A secret generated once and shared by every instance through the database (used when TESSERA_SECRET is not set). */
@Entity('server_secrets')
export class ServerSecret {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  value: string;

  @TimestampColumn('created_at')
  createdAt: Date;
}

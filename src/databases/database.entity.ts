import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BooleanColumn, TimestampColumn } from '../database/columns';

/** A building-planning database (`01`, `02`, …) whose rooms, items and occurrences the resource API serves. */
@Entity('project_databases')
export class Database {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @BooleanColumn('public')
  public: boolean;

  @TimestampColumn('created_at')
  createdAt: Date;
}

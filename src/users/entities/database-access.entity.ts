import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { User } from './user.entity';

export type AccessLevel = 'read' | 'write';

/** What one user may do in one database (a user's `database_access` in the management API). */
@Entity('database_access')
export class DatabaseAccess {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'database_id', type: 'varchar', length: 64 })
  databaseId: string;

  @Column({ type: 'varchar', length: 8 })
  level: AccessLevel;

  @ManyToOne('User', (user: User) => user.databaseAccess, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}

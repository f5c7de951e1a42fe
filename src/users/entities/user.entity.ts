import { Column, Entity, JoinTable, ManyToMany, OneToMany, PrimaryColumn } from 'typeorm';
import { BooleanColumn, TimestampColumn } from '../../database/columns';
import { DatabaseAccess } from './database-access.entity';
import { Role } from './role.entity';

export type UserKind = 'person' | 'api';

/** A person (logs in) or an API user (authenticates as an OAuth client, as d.vinci's API users do). */
@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  username: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: UserKind;

  @BooleanColumn('full_access')
  fullAccess: boolean;

  @BooleanColumn('disabled')
  disabled: boolean;

  @BooleanColumn('oauth2_enabled')
  oauth2Enabled: boolean;

  @Column({ name: 'access_token_ttl_minutes', type: 'integer', nullable: true })
  accessTokenTtlMinutes: number | null;

  @Column({ name: 'api_token_hash', type: 'varchar', length: 64, nullable: true, select: false })
  apiTokenHash: string | null;

  /** The grant whose delegated token issued the current API token (review R09); it ends with that grant. */
  @Column({ name: 'api_token_minted_by_grant', type: 'varchar', length: 36, nullable: true, select: false })
  apiTokenMintedByGrant: string | null;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount: number;

  @TimestampColumn('locked_until', { nullable: true })
  lockedUntil: Date | null;

  @TimestampColumn('created_at')
  createdAt: Date;

  @TimestampColumn('updated_at')
  updatedAt: Date;

  @ManyToMany(() => Role, { eager: false })
  @JoinTable({
    name: 'user_roles',
    joinColumn: { name: 'user_id' },
    inverseJoinColumn: { name: 'role_name', referencedColumnName: 'name' },
  })
  roles?: Role[];

  @OneToMany(() => DatabaseAccess, (access) => access.user, { cascade: true })
  databaseAccess?: DatabaseAccess[];
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { generateSecret, sha256 } from '../common/secrets';
import { AccountLockout, LoginContext } from './account-lockout';
import { Authority } from './authority';
import { AccessLevel, DatabaseAccess } from './entities/database-access.entity';
import { Role } from './entities/role.entity';
import { User, UserKind } from './entities/user.entity';
import { PasswordHasher } from './password.hasher';

export interface CreateUserInput {
  username: string;
  email?: string | null;
  password?: string | null;
  kind?: UserKind;
  roles?: string[];
  databaseAccess?: Record<string, AccessLevel>;
  fullAccess?: boolean;
  oauth2Enabled?: boolean;
  accessTokenTtlMinutes?: number | null;
}

/** The plain columns an administrator may change (roles, access and secrets have their own methods). */
export type UserChanges = Partial<Pick<User, 'username' | 'email' | 'passwordHash' | 'fullAccess' | 'disabled' | 'oauth2Enabled' | 'accessTokenTtlMinutes' | 'failedLoginCount' | 'lockedUntil'>>;

/** Users, their roles and database access, and password checks (DESIGN §5). */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Role) private readonly roles: Repository<Role>,
    @InjectRepository(DatabaseAccess) private readonly access: Repository<DatabaseAccess>,
    private readonly hasher: PasswordHasher,
    private readonly lockout: AccountLockout,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateUserInput): Promise<User> {
    const now = new Date();
    const user = this.users.create({
      id: randomUUID(),
      username: input.username,
      email: input.email ?? null,
      passwordHash: input.password ? await this.hasher.hash(input.password) : null,
      kind: input.kind ?? 'person',
      fullAccess: input.fullAccess ?? false,
      disabled: false,
      oauth2Enabled: input.oauth2Enabled ?? false,
      accessTokenTtlMinutes: input.accessTokenTtlMinutes ?? null,
      apiTokenHash: null,
      failedLoginCount: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
      roles: input.roles ? await this.roles.findBy({ name: In(input.roles) }) : [],
    });
    await this.users.save(user);
    await this.setDatabaseAccess(user.id, input.databaseAccess ?? {});
    return user;
  }

  /** One query (joins, no LIMIT): `findOne` with relations would run two (a DISTINCT id query first). */
  findById(id: string): Promise<User | null> {
    return this.withRights().where('user.id = :id', { id }).getOne();
  }

  private withRights() {
    return this.users.createQueryBuilder('user').leftJoinAndSelect('user.roles', 'role').leftJoinAndSelect('user.databaseAccess', 'access');
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOne({ where: { username }, relations: { roles: true, databaseAccess: true } });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** A page of users by username, with their roles and database access, and how many there are. */
  listPage(page: { top: number; skip: number }, kind?: UserKind): Promise<[User[], number]> {
    return this.users.findAndCount({
      where: kind ? { kind } : {}, relations: { roles: true, databaseAccess: true }, order: { username: 'ASC', id: 'ASC' }, take: page.top, skip: page.skip,
    });
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.users.existsBy({ username });
  }

  /** Changes plain columns of a user (not its roles, access or secrets); updated_at is set here. */
  async update(id: string, changes: UserChanges): Promise<void> {
    await this.users.update({ id }, { ...changes, updatedAt: new Date() });
  }

  /** Replaces the user's roles with exactly these (known) role names. */
  async setRoles(id: string, names: readonly string[]): Promise<void> {
    const current = (await this.findById(id))?.roles?.map((role) => role.name) ?? [];
    await this.users.createQueryBuilder().relation(User, 'roles').of(id)
      .addAndRemove(names.filter((name) => !current.includes(name)), current.filter((name) => !names.includes(name)));
  }

  async delete(id: string): Promise<void> {
    await this.users.delete({ id });
  }

  /**
   * The user when the password is right and the account a person's, enabled and not locked;
   * otherwise null. Every failure is audited with its reason and counts towards the lockout.
   */
  async verifyPassword(username: string, password: string, context: LoginContext = {}): Promise<User | null> {
    const user = await this.users.findOne({
      where: { username },
      select: { id: true, username: true, passwordHash: true, disabled: true, kind: true, failedLoginCount: true, lockedUntil: true },
    });
    const matches = await this.hasher.verify(user?.passwordHash, password);
    const refusal = !user ? 'unknown user' : user.kind !== 'person' ? 'not a person' : user.disabled ? 'disabled' : null;
    if (!user || refusal) return this.refuse(username, refusal ?? 'unknown user', context, null);
    if (await this.lockout.isLocked(user, context)) return this.refuse(username, 'locked', context, user.id);
    if (!matches) {
      await this.refuse(username, 'wrong password', context, user.id);
      await this.lockout.recordFailure(user, context);
      return null;
    }
    await this.lockout.recordSuccess(user);
    await this.audit.record({ event: 'login.succeeded', actorId: user.id, actorName: user.username, ip: context.ip, details: { channel: context.channel ?? null } });
    return this.findById(user.id);
  }

  private async refuse(username: string, reason: string, context: LoginContext, userId: string | null): Promise<null> {
    await this.audit.record({
      event: 'login.failed', outcome: 'failure', actorId: userId, actorName: username.slice(0, 128), ip: context.ip,
      details: { reason, channel: context.channel ?? null },
    });
    return null;
  }

  async setDatabaseAccess(userId: string, levels: Record<string, AccessLevel>): Promise<void> {
    await this.access.delete({ userId });
    const rows = Object.entries(levels).map(([databaseId, level]) => this.access.create({ userId, databaseId, level }));
    if (rows.length > 0) await this.access.insert(rows);
  }

  /**
   * A new API token for an API user (seed 002): its `client_secret` for client credentials.
   * Shown once; only the SHA-256 is kept; the previous token stops working at once.
   */
  async issueApiToken(userId: string): Promise<string> {
    const token = generateSecret('tat_');
    await this.users.update({ id: userId }, { apiTokenHash: sha256(token), updatedAt: new Date() });
    return token;
  }

  /** The API user whose API token this is, or null. */
  findByApiToken(token: string): Promise<User | null> {
    return this.users.findOne({ where: { apiTokenHash: sha256(token), kind: 'api' }, relations: { roles: true, databaseAccess: true } });
  }

  /** The user's current rights, read fresh from the database; null for an unknown user. */
  async authorityOf(userId: string): Promise<Authority | null> {
    const user = await this.findById(userId);
    return user ? toAuthority(user) : null;
  }
}

export function toAuthority(user: User): Authority {
  const roles = user.roles ?? [];
  return {
    userId: user.id,
    username: user.username,
    email: user.email,
    kind: user.kind,
    disabled: user.disabled,
    roles: roles.map((role) => role.name),
    scopes: [...new Set(roles.flatMap((role) => role.scopes))],
    access: {
      full: user.fullAccess,
      databases: Object.fromEntries((user.databaseAccess ?? []).map((row) => [row.databaseId, row.level])),
    },
  };
}

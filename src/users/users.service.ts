import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Forbidden } from '../common/errors/api-error';
import { generateSecret, sha256 } from '../common/secrets';
import { AccountLockout, LoginContext } from './account-lockout';
import { Authority } from './authority';
import { AccessLevel, DatabaseAccess } from './entities/database-access.entity';
import { Role } from './entities/role.entity';
import { User, UserKind } from './entities/user.entity';
import { PasswordHasher } from './password.hasher';
import { PasswordSignInRefused, PasswordSignInRules } from './password-sign-in.rules';
import { PasswordPolicy } from './passwords/password.policy';
import { Budgets } from '../limits/budgets';
import { UserEvents } from './user-events';

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
export type UserChanges = Partial<Pick<User, 'username' | 'email' | 'fullAccess' | 'disabled' | 'oauth2Enabled' | 'accessTokenTtlMinutes'>>;

export interface NewPasswordOptions {
  /** The session (SHA-256 id) the change was made from: it stays signed in. */
  keepSessionIdHash?: string | null;
  /** The roles the user is about to hold, when they change in the same request (the policy asks more of administrators). */
  roles?: string[];
}

/** Users, their roles and database access, and password checks. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Role) private readonly roles: Repository<Role>,
    @InjectRepository(DatabaseAccess) private readonly access: Repository<DatabaseAccess>,
    private readonly hasher: PasswordHasher,
    private readonly lockout: AccountLockout,
    private readonly audit: AuditService,
    private readonly policy: PasswordPolicy,
    private readonly events: UserEvents,
    private readonly signInRules: PasswordSignInRules,
    private readonly budgets: Budgets,
  ) {}

  /** A new user; a password must pass the password policy (400 naming `password`). */
  async create(input: CreateUserInput): Promise<User> {
    return this.insert(input, await this.prepare(input));
  }

  /**
   * Self-registration: null when the name is taken, after the same work as a creation (policy,
   * argon2 hash), so the answer's cost does not tell a taken name from a free one.
   */
  async createIfFree(input: CreateUserInput): Promise<User | null> {
    const prepared = await this.prepare(input);
    if (await this.users.existsBy({ username: input.username })) return null;
    return this.insert(input, prepared);
  }

  private async prepare(input: CreateUserInput): Promise<{ roles: Role[]; passwordHash: string | null }> {
    const roles = input.roles ? await this.roles.findBy({ name: In(input.roles) }) : [];
    if (input.password) this.policy.assertAcceptable(input.password, { username: input.username, administrator: holdsAdmin(roles) });
    return { roles, passwordHash: input.password ? await this.hasher.hash(input.password) : null };
  }

  private async insert(input: CreateUserInput, { roles, passwordHash }: { roles: Role[]; passwordHash: string | null }): Promise<User> {
    const now = new Date();
    const user = this.users.create({
      id: randomUUID(),
      username: input.username,
      email: input.email ?? null,
      passwordHash,
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
      roles,
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

  async findByUsername(username: string): Promise<User | null> {
    return exactly(username, await this.users.findOne({ where: { username }, relations: { roles: true, databaseAccess: true } }));
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** A page of users by username, with their roles and database access, and how many there are. */
  /** `$top=0` asks for the count only: TypeORM reads every row for `take: 0`, so none are asked for (review R21). */
  async listPage(page: { top: number; skip: number }, kind?: UserKind): Promise<[User[], number]> {
    const where = kind ? { kind } : {};
    if (page.top === 0) return [[], await this.users.countBy(where)];
    return this.users.findAndCount({
      where,
      relations: { roles: true, databaseAccess: true },
      order: { username: 'ASC', id: 'ASC' },
      take: page.top,
      skip: page.skip,
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
    await this.users
      .createQueryBuilder()
      .relation(User, 'roles')
      .of(id)
      .addAndRemove(
        names.filter((name) => !current.includes(name)),
        current.filter((name) => !names.includes(name)),
      );
  }

  async delete(id: string): Promise<void> {
    await this.users.delete({ id });
  }

  /** Forgets the failed sign-ins and the lock of the user's name (an administrator re-enabled it). */
  async unlock(id: string): Promise<void> {
    const user = await this.findById(id);
    if (user) await this.lockout.clear(user.username);
  }

  /** Whether the person has a local password (a person provisioned by a company provider has none). */
  async hasPassword(userId: string): Promise<boolean> {
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, passwordHash: true } });
    return Boolean(user?.passwordHash);
  }

  /**
   * The user when the password is right and the account a person's, enabled and not locked;
   * otherwise null. Every failure, whatever the name, takes the same path (issue 11, F8): one
   * argon2 verification (a decoy hash for unknown names), an audit row with its reason, one
   * count towards the name's lockout and the same slow-down.
   */
  async verifyPassword(username: string, password: string, context: LoginContext = {}): Promise<User | null> {
    const user = await this.verifyFirstFactor(username, password, context);
    if (user) await this.completeSignIn(user, context);
    return user;
  }

  /**
   * The password check of verifyPassword without its success: the name's failures are not cleared
   * and nothing is audited until the second factor passes too (completeSignIn), so a right
   * password cannot reset the count of wrong codes (issue 15).
   */
  async verifyFirstFactor(username: string, password: string, context: LoginContext = {}): Promise<User | null> {
    // Every check of a person's password, on every channel, draws on the name's one budget (F24),
    // charged here with the name looked up, not with a request's spelling of it (review 3, B1).
    await this.budgets.person(username);
    // One read: the hash and the rights the caller needs, so a right password costs no second read.
    const user = exactly(
      username,
      await this.withRights().addSelect('user.passwordHash').where('user.username = :username', { username }).getOne(),
    );
    const matches = await this.hasher.verify(user?.passwordHash, password);
    const locked = await this.lockout.isLocked(username, user?.id ?? null, context);
    const refusal = !user
      ? 'unknown user'
      : user.kind !== 'person'
        ? 'not a person'
        : user.disabled
          ? 'disabled'
          : locked
            ? 'locked'
            : matches
              ? null
              : 'wrong password';
    if (refusal) return this.refuse(username, refusal, context, user?.id ?? null);
    await this.assertPasswordAllowed(user!, context);
    return withoutPasswordHash(user!);
  }

  /** Every factor passed: the name's failures are forgotten and the sign-in audited with how it was made (`amr`). */
  async completeSignIn(user: Pick<User, 'id' | 'username'>, context: LoginContext = {}, amr: readonly string[] = ['pwd']): Promise<void> {
    await this.lockout.recordSuccess(user.username);
    await this.audit.record({
      event: 'login.succeeded',
      actorId: user.id,
      actorName: user.username,
      ip: context.ip,
      details: { channel: context.channel ?? null, amr: amr.join(' ') },
    });
  }

  /**
   * The password was right and the sign-in waits for a second step (`otp`: a code; `enrol`: setting
   * up TOTP first). Audited, since it says the password is known, but neither a sign-in nor a failure.
   */
  async secondStepPending(user: Pick<User, 'id' | 'username'>, step: 'otp' | 'enrol', context: LoginContext = {}): Promise<void> {
    await this.audit.record({
      event: 'login.pending',
      actorId: user.id,
      actorName: user.username,
      ip: context.ip,
      details: { channel: context.channel ?? null, step },
    });
  }

  /**
   * A wrong second-factor code counts like a wrong password: audit row, the name's count, the lock,
   * the slow-down; and it locks even the last administrator (F24): whoever sends codes already holds
   * the password, and a waived lock would leave the code's million values to be tried without end.
   */
  async refuseSecondFactor(user: Pick<User, 'id' | 'username'>, context: LoginContext = {}, attempt: number | null = null): Promise<void> {
    if (attempt === null) return void (await this.refuse(user.username, 'wrong second-factor code', context, user.id, true));
    await this.auditFailure(user.username, 'wrong second-factor code', context, user.id);
    await this.lockout.settleFailure({ username: user.username, userId: user.id, mayLock: true }, attempt, context);
  }

  /** A second-factor attempt, counted before its code is checked (SI5): its number, or null when the name may not try now. */
  reserveSecondFactor(user: Pick<User, 'id' | 'username'>, context: LoginContext = {}): Promise<number | null> {
    return this.lockout.reserve(user.username, user.id, context);
  }

  /** A right code: the attempts counted for the name are forgotten. */
  async secondFactorAccepted(user: Pick<User, 'id' | 'username'>): Promise<void> {
    await this.lockout.recordSuccess(user.username);
  }

  /** The password was right, but a rule (a required identity provider) may still refuse it: audited, not counted as a failure. */
  private async assertPasswordAllowed(user: User, context: LoginContext): Promise<void> {
    const reason = await this.signInRules.refusal({ userId: user.id, email: user.email });
    if (!reason) return;
    await this.audit.record({
      event: 'login.failed',
      outcome: 'failure',
      actorId: user.id,
      actorName: user.username,
      ip: context.ip,
      details: { reason: 'password not allowed', channel: context.channel ?? null },
    });
    throw new PasswordSignInRefused(reason);
  }

  private async refuse(username: string, reason: string, context: LoginContext, userId: string | null, alwaysLock = false): Promise<null> {
    await this.auditFailure(username, reason, context, userId);
    const mayLock = alwaysLock || userId === null || userId !== (await this.lastActiveAdministratorId());
    await this.lockout.recordFailure({ username, userId, mayLock }, context);
    return null;
  }

  private async auditFailure(username: string, reason: string, context: LoginContext, userId: string | null): Promise<void> {
    await this.audit.record({
      event: 'login.failed',
      outcome: 'failure',
      actorId: userId,
      actorName: username.slice(0, 128),
      ip: context.ip,
      details: { reason, channel: context.channel ?? null },
    });
  }

  /**
   * The one enabled person holding `admin`, when there is exactly one: five bad passwords must not
   * lock them out of every channel, so they are slowed down but never locked (docs/security.md).
   * Asked on every failure, whatever the name, so the question itself costs the same for all.
   */
  private async lastActiveAdministratorId(): Promise<string | null> {
    const adminRoles = (await this.roles.find()).filter((role) => role.scopes.includes('admin')).map((role) => role.name);
    if (adminRoles.length === 0) return null;
    const holders = await this.users
      .createQueryBuilder('user')
      .innerJoin('user.roles', 'role', 'role.name IN (:...adminRoles)', { adminRoles })
      .where('user.kind = :kind AND user.disabled = :disabled', { kind: 'person', disabled: false })
      .select('user.id', 'id')
      .distinct(true)
      .limit(2)
      .getRawMany<{ id: string }>();
    return holders.length === 1 ? holders[0].id : null;
  }

  /**
   * Sets a person's password: the policy, the hash, the write, then the announcement through which
   * the modules above end every other session, every grant and token and every personal access
   * token of the person, on every instance (UserEvents; docs/security.md, "Passwords").
   */
  async setPassword(userId: string, password: string, options: NewPasswordOptions = {}): Promise<void> {
    const user = await this.findById(userId);
    if (!user || user.kind !== 'person') throw new Forbidden('Only people have passwords');
    const roles = options.roles ? await this.roles.findBy({ name: In(options.roles) }) : (user.roles ?? []);
    this.policy.assertAcceptable(password, { username: user.username, administrator: holdsAdmin(roles) });
    await this.users.update({ id: userId }, { passwordHash: await this.hasher.hash(password), updatedAt: new Date() });
    await this.lockout.clear(user.username);
    await this.events.passwordChanged({ userId, keepSessionIdHash: options.keepSessionIdHash ?? null });
  }

  /** Self-service: the current password is checked like a sign-in (a wrong one counts towards the lockout). */
  async changeOwnPassword(
    userId: string,
    current: string,
    next: string,
    options: NewPasswordOptions & { context?: LoginContext } = {},
  ): Promise<void> {
    const user = await this.findById(userId);
    const verified = user ? await this.verifyPassword(user.username, current, { channel: 'password-change', ...options.context }) : null;
    if (!verified || verified.id !== userId) throw new Forbidden('The current password is wrong, or the account is locked');
    await this.setPassword(userId, next, options);
    await this.audit.record({
      event: 'password.changed',
      actorId: userId,
      actorName: verified.username,
      target: userId,
      ip: options.context?.ip,
      details: { by: 'self' },
    });
  }

  async setDatabaseAccess(userId: string, levels: Record<string, AccessLevel>): Promise<void> {
    await this.access.delete({ userId });
    const rows = Object.entries(levels).map(([databaseId, level]) => this.access.create({ userId, databaseId, level }));
    if (rows.length > 0) await this.access.insert(rows);
  }

  /**
   * A new API token for an API user: its `client_secret` for client credentials.
   * Shown once; only the SHA-256 is kept; the previous token stops working at once.
   */
  /** A new API token; `mintedByGrant`: the grant of the delegated token that asked for it (R09), else null. */
  async issueApiToken(userId: string, mintedByGrant: string | null = null): Promise<string> {
    const token = generateSecret('tat_');
    await this.users.update({ id: userId }, { apiTokenHash: sha256(token), apiTokenMintedByGrant: mintedByGrant, updatedAt: new Date() });
    return token;
  }

  /** Ends the API tokens issued through these grants (R09); the ids of the API users that held them. */
  async endApiTokensMintedBy(grantIds: readonly string[]): Promise<string[]> {
    if (grantIds.length === 0) return [];
    const users = await this.users.find({ where: { apiTokenMintedByGrant: In([...grantIds]) }, select: { id: true } });
    const ids = users.map((user) => user.id);
    if (ids.length > 0)
      await this.users.update({ id: In(ids) }, { apiTokenHash: null, apiTokenMintedByGrant: null, updatedAt: new Date() });
    return ids;
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

function holdsAdmin(roles: readonly Role[]): boolean {
  return roles.some((role) => role.scopes.includes('admin'));
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
    twoFactorRequired: roles.some((role) => role.twoFactorRequired),
    scopes: [...new Set(roles.flatMap((role) => role.scopes))],
    access: {
      full: user.fullAccess,
      databases: Object.fromEntries((user.databaseAccess ?? []).map((row) => [row.databaseId, row.level])),
    },
  };
}

/**
 * The user only when its name is exactly the one asked for. MySQL/MariaDB compare with PAD SPACE
 * even under utf8mb4_bin (`'erin ' = 'erin'`), so a padded spelling would find the account under a
 * name the lockout and the rate limits count apart (review R04); every lookup by name goes here.
 */
function exactly(username: string, user: User | null): User | null {
  return user && user.username === username ? user : null;
}

/** The user as every other read returns it: the hash is a `select: false` column, never handed on. */
function withoutPasswordHash(user: User): User {
  delete (user as Partial<User>).passwordHash;
  return user;
}

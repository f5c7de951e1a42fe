import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/principal';
import { SessionService } from '../../auth/session.service';
import { BadRequest, Conflict, NotFound } from '../../common/errors/api-error';
import { Page } from '../../common/paging/paging';
import { GrantsService } from '../../oauth/tokens/grants.service';
import { ClientNames, spelledLikeUserId } from '../../oauth/client-auth/client-names';
import { RevocationFeed } from '../../oauth/tokens/revocation-feed.service';
import { User } from '../../users/entities/user.entity';
import { toAuthority, UserChanges, UsersService } from '../../users/users.service';
import { Actor, auditedBy } from '../../auth/actor';
import { assertMayManage, assertMayManageSome, isAdministrator, UserAction } from '../admin-permissions';
import { assertAssignable, assertWithinActor } from './assignable-rights';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import type { UserFields } from './dto/user-fields';
import { UserReferences } from './user-references';
import { ApiTokenView, toUserView, UserView } from './user.view';

/**
 * `/api/admin/users`: people and API users, managed by administrators, and API
 * users by holders of the api-users scopes within their own rights. Every write goes through
 * UsersService (the users table's owner) and every revocation through the RevocationFeed, so each
 * instance hears it.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersService,
    private readonly references: UserReferences,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly grants: GrantsService,
    private readonly feed: RevocationFeed,
    private readonly clientNames: ClientNames,
  ) {}

  /** Administrators see everyone; holders of `api-users:view` see API users only. */
  async list(principal: Principal, page: Page, kind?: User['kind']): Promise<{ users: UserView[]; total: number }> {
    assertMayManageSome(principal, 'view');
    const [rows, total] = await this.users.listPage(page, isAdministrator(principal) ? kind : 'api');
    return { users: page.top === 0 ? [] : rows.map(toUserView), total };
  }

  async get(principal: Principal, id: string): Promise<UserView> {
    return toUserView(await this.findManageable(principal, id, 'view'));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const kind = dto.kind ?? 'person';
    assertMayManage(actor.principal, 'create', kind);
    const roles = await this.references.resolve(dto, kind);
    assertAssignable(actor.principal, { roles, fullAccess: dto.full_access, databaseAccess: dto.database_access });
    await this.assertUsernameFree(dto.username);
    const created = await this.users.create({
      username: dto.username,
      email: dto.email ?? null,
      password: dto.password ?? null,
      kind,
      roles: dto.roles ?? [],
      databaseAccess: dto.database_access ?? {},
      fullAccess: dto.full_access ?? false,
      oauth2Enabled: dto.oauth2_enabled ?? false,
      accessTokenTtlMinutes: dto.access_token_ttl_minutes ?? null,
    });
    if (dto.disabled) await this.users.update(created.id, { disabled: true });
    await this.audit.record({
      event: 'user.created',
      target: created.id,
      ...auditedBy(actor),
      details: { username: created.username, kind, fields: changedFields(dto) },
    });
    return this.written(created.id);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.findManageable(actor.principal, id, 'edit');
    const roles = await this.references.resolve(dto, user.kind);
    assertAssignable(actor.principal, { roles, fullAccess: dto.full_access, databaseAccess: dto.database_access });
    if (dto.username !== undefined && dto.username !== user.username) await this.assertUsernameFree(dto.username);
    if (dto.disabled && user.id === actor.principal.userId) throw new BadRequest('You cannot disable your own account', 'disabled');
    if (dto.password !== undefined)
      await this.users.setPassword(id, dto.password, { keepSessionIdHash: ownSession(actor, id), roles: dto.roles });
    await this.users.update(id, this.columnsFrom(dto));
    if (dto.disabled === false) await this.users.unlock(id);
    if (dto.roles) await this.users.setRoles(id, dto.roles);
    if (dto.database_access) await this.users.setDatabaseAccess(id, dto.database_access);
    await this.endCredentialsWhenNeeded(actor, user, dto);
    await this.audit.record({
      event: 'user.updated',
      target: id,
      ...auditedBy(actor),
      details: { username: user.username, fields: changedFields(dto), disabled: dto.disabled ?? null },
    });
    return this.written(id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const user = await this.findManageable(actor.principal, id, 'delete');
    if (user.id === actor.principal.userId) throw new BadRequest('You cannot delete your own account');
    // Her applications go with her row (the owner foreign key); the grants other people gave them,
    // and their tokens, end after it, when nothing can be issued to those clients any more (A8).
    const apps = await this.grants.clientIdsOwnedBy(id);
    await this.users.delete(id);
    await this.feed.publish('user', id);
    for (const clientId of apps) await this.grants.revokeAllOfClient(clientId);
    await this.audit.record({
      event: 'user.deleted',
      target: id,
      ...auditedBy(actor),
      details: { username: user.username, kind: user.kind },
    });
  }

  /**
   * A new API token for an API user: the previous one stops working at once, and so do
   * the access and refresh tokens issued with it (a new token is how a leaked one is replaced).
   */
  async issueApiToken(actor: Actor, id: string): Promise<ApiTokenView> {
    const user = await this.findManageable(actor.principal, id, 'edit');
    if (user.kind !== 'api') throw new BadRequest('Only API users have an API token; people use API keys or applications');
    const token = await this.users.issueApiToken(id, actor.principal.grantId);
    await this.grants.revokeAllOfUser(user.id);
    await this.audit.record({ event: 'user.api_token_issued', target: id, ...auditedBy(actor), details: { username: user.username } });
    return { client_id: user.username, client_secret: token };
  }

  /**
   * The user, when the principal may act on it; a user it may not see is reported as missing.
   * Without `admin`, an API user stronger than the actor may be viewed but not changed (no take-over).
   */
  private async findManageable(principal: Principal, id: string, action: UserAction): Promise<User> {
    assertMayManageSome(principal, action);
    const user = await this.users.findById(id);
    // Holders of an api-users scope alone do not learn that a person with this id exists.
    if (!user || !(isAdministrator(principal) || user.kind === 'api')) throw new NotFound(`No user with id "${id}"`);
    if (action !== 'view') assertWithinActor(principal, toAuthority(user));
    return user;
  }

  /**
   * The user just written, as the answer shows it. The right to write it is the right to see the
   * result: `api-users:create` or `:edit` alone must not get a 403 for a change already made (review F2).
   */
  private async written(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFound(`No user with id "${id}"`);
    return toUserView(user);
  }

  private async assertUsernameFree(username: string): Promise<void> {
    if (spelledLikeUserId(username))
      throw new BadRequest(`The username "${username}" is spelt like a user id, which tokens use to name people`, 'username');
    if (await this.users.usernameTaken(username)) throw new Conflict(`The username "${username}" is taken`, 'username');
    if (await this.clientNames.taken(username)) throw new Conflict(`The username "${username}" is an application's client id`, 'username');
  }

  private columnsFrom(dto: UpdateUserDto): UserChanges {
    const columns: UserChanges = {};
    if (dto.username !== undefined) columns.username = dto.username;
    if (dto.email !== undefined) columns.email = dto.email;
    if (dto.full_access !== undefined) columns.fullAccess = dto.full_access;
    if (dto.disabled !== undefined) columns.disabled = dto.disabled;
    if (dto.oauth2_enabled !== undefined) columns.oauth2Enabled = dto.oauth2_enabled;
    if (dto.access_token_ttl_minutes !== undefined) columns.accessTokenTtlMinutes = dto.access_token_ttl_minutes;
    return columns;
  }

  /**
   * Disabling a user ends its sessions and announces the revocation (cached tokens are dropped);
   * the PrincipalFactory already refuses a disabled owner's keys and tokens on the next request.
   * A new password is UsersService.setPassword's: it ends the user's sessions, grants and tokens.
   * An API user whose OAuth 2.0 is switched off loses every token issued to it as a client.
   */
  private async endCredentialsWhenNeeded(actor: Actor, user: User, dto: UpdateUserDto): Promise<void> {
    // A disable ends sessions and grants (refresh tokens, and what they minted) for good, as a
    // password change does: re-enabling must not hand a thief's refresh token back (R07). Keys and
    // PATs are only suspended: refused while disabled, back afterwards (docs/decisions.md).
    if (dto.disabled === true && !user.disabled) {
      await this.sessions.destroyAllOf(user.id);
      await this.grants.revokeAllOfUser(user.id);
      await this.grants.revokeAccessTokensOfClientsOwnedBy(user.id);
      await this.feed.publish('user', user.id);
    }
    // Re-enabling ends every token issued before it too: one that an instance not yet aware of the
    // disable issued meanwhile must not start to work (issue 16: never refused, then accepted).
    if (dto.disabled === false && user.disabled) await this.feed.publish('user', user.id);
    // An API user's tokens work only while OAuth 2.0 is on for it (d.vinci): switching it off ends the tokens already issued.
    if (user.kind === 'api' && user.oauth2Enabled && dto.oauth2_enabled === false) await this.grants.revokeAllOfUser(user.id);
  }
}

/** The actor's own session when it sets its own password: that one stays signed in. */
function ownSession(actor: Actor, userId: string): string | null {
  return actor.principal.userId === userId && actor.principal.kind === 'session' ? actor.principal.credentialId : null;
}

/** The names of the fields a request set, for the audit log (never their values: one is a password). */
function changedFields(dto: UserFields & { username?: string; kind?: string }): string {
  return Object.keys(dto)
    .filter((name) => (dto as Record<string, unknown>)[name] !== undefined)
    .sort()
    .join(', ');
}

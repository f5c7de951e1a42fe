import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Not, Repository } from 'typeorm';
import { generateSecret, sha256 } from '../common/secrets';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { ConsoleCookies } from './console/console-cookies';
import { UserEvents } from '../users/user-events';
import { Principal } from './principal';
import { PrincipalFactory } from './principal.factory';
import { Session, SessionStep } from './session.entity';

const TOUCH_INTERVAL_MS = 60_000;
/** A sign-in waiting for its second step lasts this long. */
const PENDING_TTL_MS = 10 * 60_000;

export interface SessionOrigin {
  userAgent?: string | null;
  ip?: string | null;
  /** How the person signed in (what the ID tokens it leads to say); `['pwd']` when not given. */
  amr?: readonly string[];
  /** The upstream identity provider of a federated sign-in (prompt=login, logout). */
  identityProviderId?: string | null;
  /** The second step still to take: the session then authenticates nothing (find() ignores it). */
  pending?: SessionStep | null;
}

export interface NewSession {
  /** The cookie value; only its SHA-256 is stored. */
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Browser sessions kept in the database so every instance shares them (issue 5). A session ends
 * after SESSION_TTL without use (sliding) and SESSION_ABSOLUTE_TTL after sign-in however active
 * (ASVS 5.0 V7.3.1, V7.3.2); both are checked against the row, so every instance agrees.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly principals: PrincipalFactory,
    private readonly cookies: ConsoleCookies,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    events: UserEvents,
  ) {
    // A new password ends the person's other sessions (OWASP Session Management; issue 11, F16).
    events.onPasswordChanged(({ userId, keepSessionIdHash }) => this.destroyAllOf(userId, keepSessionIdHash));
  }

  async create(userId: string, origin: SessionOrigin = {}): Promise<NewSession> {
    const id = generateSecret();
    const now = new Date();
    const pending = origin.pending ?? null;
    const session = this.sessions.create({
      idHash: sha256(id),
      userId,
      csrfToken: generateSecret(),
      identityProviderId: origin.identityProviderId ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: pending ? new Date(now.getTime() + PENDING_TTL_MS) : this.expiryFrom(now, now),
      userAgent: origin.userAgent?.slice(0, 255) ?? null,
      ip: origin.ip?.slice(0, 64) ?? null,
      amr: (origin.amr ?? ['pwd']).join(' '),
      pending,
    });
    await this.sessions.insert(session);
    await this.sessions.delete({ expiresAt: LessThan(now) });
    return { id, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  /** The session id the request's cookie carries (not yet checked). */
  idOf(request: FastifyRequest): string | null {
    return this.cookies.sessionIdOf(request);
  }

  /** A signed-in session; one still waiting for its second step is not one. */
  async find(id: string): Promise<Session | null> {
    const session = await this.findAny(id);
    return session && !session.pending ? session : null;
  }

  /** A sign-in waiting for this second step, unexpired. */
  async findPending(id: string, step: SessionStep): Promise<Session | null> {
    const session = await this.findAny(id);
    return session?.pending === step ? session : null;
  }

  private async findAny(id: string): Promise<Session | null> {
    const session = await this.sessions.findOneBy({ idHash: sha256(id) });
    const now = Date.now();
    if (!session || session.expiresAt.getTime() <= now || this.absoluteEndOf(session.createdAt) <= now) return null;
    return session;
  }

  /** The person's signed-in sessions, most recently used first. */
  listOf(userId: string): Promise<Session[]> {
    return this.sessions
      .find({ where: { userId }, order: { lastSeenAt: 'DESC', idHash: 'ASC' } })
      .then((rows) => rows.filter((row) => !row.pending && row.expiresAt.getTime() > Date.now()));
  }

  async authenticate(id: string): Promise<Principal | null> {
    const session = await this.find(id);
    if (!session) return null;
    await this.touch(session);
    return this.principalOf(session);
  }

  /** Who a session belongs to, without extending it: for a request that is refused anyway (its error page). */
  async peek(id: string): Promise<Principal | null> {
    const session = await this.find(id);
    return session ? this.principalOf(session) : null;
  }

  /**
   * A session acts with the person's current rights, so one signed in with a password alone stops
   * counting once the person holds a role that requires a second factor (review SI2: it became an
   * Administrator session without one). The next sign-in asks for the code, or to set one up.
   */
  private async principalOf(session: Session): Promise<Principal | null> {
    const authority = await this.principals.authorityOf(session.userId);
    if (!authority || (authority.twoFactorRequired && !provesMoreThanPassword(session))) return null;
    return this.principals.fromAuthority(authority, { kind: 'session', scopes: 'all', readOnly: false, credentialId: session.idHash });
  }

  async destroy(id: string): Promise<void> {
    await this.sessions.delete({ idHash: sha256(id) });
  }

  /** Every session of the user but the one kept (its SHA-256 id). Sessions live in the database, so every instance sees it at once. */
  async destroyAllOf(userId: string, keepIdHash: string | null = null): Promise<void> {
    await this.sessions.delete(keepIdHash ? { userId, idHash: Not(keepIdHash) } : { userId });
  }

  /** Sliding expiry, written at most once a minute per session. */
  private async touch(session: Session): Promise<void> {
    const now = new Date();
    if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
    await this.sessions.update({ idHash: session.idHash }, { lastSeenAt: now, expiresAt: this.expiryFrom(now, session.createdAt) });
  }

  /** The idle expiry from now, never past the absolute end. */
  private expiryFrom(now: Date, createdAt: Date): Date {
    return new Date(Math.min(now.getTime() + this.config.tokens.sessionTtl * 1000, this.absoluteEndOf(createdAt)));
  }

  private absoluteEndOf(createdAt: Date): number {
    return createdAt.getTime() + this.config.tokens.sessionAbsoluteTtl * 1000;
  }
}

/** Signed in with a code (`otp`) or through the company's provider (`fed`, whose own sign-in policy applies). */
function provesMoreThanPassword(session: Session): boolean {
  const amr = (session.amr ?? 'pwd').split(' ');
  return amr.includes('otp') || amr.includes('fed');
}

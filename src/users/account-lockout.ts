import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { sha256 } from '../common/secrets';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { LoginFailure } from './entities/login-failure.entity';
import { delayAfter, LoginDelay } from './login-delay';

export interface LoginContext {
  ip?: string | null;
  /** Where the login came from: `login-page`, `consumer-login`, `password-grant`, `basic`, … */
  channel?: string;
}

/** Who failed: the name as typed, the account's id when one has it, and whether it may be locked. */
export interface FailedLogin {
  username: string;
  userId: string | null;
  /** False for the last active administrator: slowed down, never locked (docs/security.md). */
  mayLock: boolean;
}

const FORGET_AFTER_MS = 24 * 3600_000;
const SWEEP_EVERY = 256;

/**
 * Failed sign-ins are counted per user name, for names that exist and names that do not alike
 * (issue 11, F8): each failure waits `delayAfter(n)` (100 ms, doubling, at most 2 s), and at
 * LOGIN_LOCKOUT_THRESHOLD the name is locked for LOGIN_LOCKOUT_SECONDS (OWASP ASVS 5.0 V6.3.1).
 * So an unknown name costs what a wrong password costs. The count is an atomic increment, so
 * parallel guesses cannot slip past it; it lives in the database, shared by every instance.
 */
@Injectable()
export class AccountLockout {
  private failuresSinceSweep = 0;

  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    private readonly delay: LoginDelay,
    private readonly audit: AuditService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  /** True while the name is locked; audits the end of an expired lock and clears it. */
  async isLocked(username: string, userId: string | null, context: LoginContext): Promise<boolean> {
    const row = await this.failures.findOneBy({ nameHash: sha256(username) });
    if (!row?.lockedUntil) return false;
    if (row.lockedUntil.getTime() > Date.now()) return true;
    await this.clear(username);
    await this.audit.record({
      event: 'account.unlocked',
      actorId: userId,
      actorName: username.slice(0, 128),
      target: userId,
      ip: context.ip,
      details: { reason: 'lock expired' },
    });
    return false;
  }

  /** Counts the failure, locks at the threshold (unless the name may not be locked), then waits. */
  async recordFailure(failed: FailedLogin, context: LoginContext): Promise<void> {
    const row = await this.increment(sha256(failed.username));
    if (row.failures >= this.config.rateLimits.lockoutThreshold && !row.lockedUntil) await this.lockOrWaive(failed, row.failures, context);
    await this.sweepNowAndThen();
    await this.delay.pause(delayAfter(row.failures));
  }

  /**
   * Counts an attempt before it is checked, so attempts sent together cannot all read "not
   * locked" before any of them is counted (review SI5). The attempt's number, or null when the
   * name is locked or this attempt is past the threshold: it is then refused unchecked.
   */
  async reserve(username: string, userId: string | null, context: LoginContext): Promise<number | null> {
    if (await this.isLocked(username, userId, context)) return null;
    const row = await this.increment(sha256(username));
    return row.failures <= this.config.rateLimits.lockoutThreshold ? row.failures : null;
  }

  /** A reserved attempt failed (it is counted already): locks at the threshold, then waits. */
  async settleFailure(failed: FailedLogin, attempt: number, context: LoginContext): Promise<void> {
    if (attempt >= this.config.rateLimits.lockoutThreshold) await this.lockOrWaive(failed, attempt, context);
    await this.sweepNowAndThen();
    await this.delay.pause(delayAfter(attempt));
  }

  async recordSuccess(username: string): Promise<void> {
    await this.clear(username);
  }

  /** Forgets the name's failures and lock (a successful sign-in, a new password). */
  async clear(username: string): Promise<void> {
    await this.failures.delete({ nameHash: sha256(username) });
  }

  private async increment(nameHash: string): Promise<LoginFailure> {
    const now = new Date();
    const updated = await this.failures.increment({ nameHash }, 'failures', 1);
    if (!updated.affected)
      await this.failures
        .insert({ nameHash, failures: 1, lockedUntil: null, updatedAt: now })
        .catch(() => this.failures.increment({ nameHash }, 'failures', 1));
    await this.failures.update({ nameHash }, { updatedAt: now });
    return this.failures.findOneByOrFail({ nameHash });
  }

  private async lockOrWaive(failed: FailedLogin, failures: number, context: LoginContext): Promise<void> {
    const who = { actorId: failed.userId, actorName: failed.username.slice(0, 128), target: failed.userId, ip: context.ip };
    if (!failed.mayLock) {
      if (failures > this.config.rateLimits.lockoutThreshold) return;
      await this.audit.record({
        event: 'account.lock_waived',
        outcome: 'failure',
        ...who,
        details: { reason: 'last active administrator', channel: context.channel ?? null },
      });
      return;
    }
    const lockedUntil = new Date(Date.now() + this.config.rateLimits.lockoutSeconds * 1000);
    await this.failures.update({ nameHash: sha256(failed.username) }, { lockedUntil });
    await this.audit.record({
      event: 'account.locked',
      outcome: 'failure',
      ...who,
      details: { locked_until: lockedUntil.toISOString(), channel: context.channel ?? null },
    });
  }

  /** Names not seen for a day are forgotten (their counts start again), unless still locked. */
  private async sweepNowAndThen(): Promise<void> {
    if (++this.failuresSinceSweep < SWEEP_EVERY) return;
    this.failuresSinceSweep = 0;
    const cutoff = new Date(Date.now() - Math.max(FORGET_AFTER_MS, this.config.rateLimits.lockoutSeconds * 1000));
    await this.failures.delete({ updatedAt: LessThan(cutoff) });
  }
}

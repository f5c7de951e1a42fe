import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { User } from './entities/user.entity';

export interface LoginContext {
  ip?: string | null;
  /** Where the login came from: `login-page`, `consumer-login`, `password-grant`, `basic`, … */
  channel?: string;
}

const MAX_DELAY_MS = 2000;

/**
 * Failed logins slow down (100 ms, 200 ms, 400 ms, …) and then lock the account for
 * LOGIN_LOCKOUT_SECONDS (OWASP ASVS V6.3 / Authentication Cheat Sheet). The lock and its end
 * are audited. Counting is an atomic increment, so parallel guesses cannot slip past it.
 */
@Injectable()
export class AccountLockout {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  /** True while the account is locked; audits the end of an expired lock and clears it. */
  async isLocked(user: Pick<User, 'id' | 'username' | 'lockedUntil'>, context: LoginContext): Promise<boolean> {
    if (!user.lockedUntil) return false;
    if (user.lockedUntil.getTime() > Date.now()) return true;
    await this.users.update({ id: user.id }, { lockedUntil: null, failedLoginCount: 0 });
    await this.audit.record({ event: 'account.unlocked', actorId: user.id, actorName: user.username, target: user.id, ip: context.ip, details: { reason: 'lock expired' } });
    return false;
  }

  async recordFailure(user: Pick<User, 'id' | 'username'>, context: LoginContext): Promise<void> {
    await this.users.increment({ id: user.id }, 'failedLoginCount', 1);
    const { failedLoginCount } = await this.users.findOneOrFail({ where: { id: user.id }, select: { id: true, failedLoginCount: true } });
    if (failedLoginCount >= this.config.rateLimits.lockoutThreshold) await this.lock(user, context);
    else await delay(Math.min(MAX_DELAY_MS, 100 * 2 ** (failedLoginCount - 1)));
  }

  async recordSuccess(user: Pick<User, 'id' | 'failedLoginCount'>): Promise<void> {
    if (user.failedLoginCount > 0) await this.users.update({ id: user.id }, { failedLoginCount: 0 });
  }

  private async lock(user: Pick<User, 'id' | 'username'>, context: LoginContext): Promise<void> {
    const lockedUntil = new Date(Date.now() + this.config.rateLimits.lockoutSeconds * 1000);
    await this.users.update({ id: user.id }, { lockedUntil, failedLoginCount: 0 });
    await this.audit.record({
      event: 'account.locked', outcome: 'failure', actorId: user.id, actorName: user.username, target: user.id, ip: context.ip,
      details: { locked_until: lockedUntil.toISOString(), channel: context.channel ?? null },
    });
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

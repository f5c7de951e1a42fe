import { Injectable } from '@nestjs/common';
import type { LoginContext } from '../../users/account-lockout';
import type { User } from '../../users/entities/user.entity';
import { UsersService } from '../../users/users.service';
import { looksLikeTotp } from './totp';
import { TwoFactorPolicy } from './two-factor.policy';
import { TwoFactorService } from './two-factor.service';

export const AMR_PASSWORD = ['pwd'] as const;
/** RFC 8176: a password and a one-time password (TOTP, or a single-use recovery code). */
export const AMR_PASSWORD_AND_OTP = ['pwd', 'otp'] as const;

/** How a sign-in through an API channel (password grant, /consumer/login) ends after the right password. */
export type SignInVerdict =
  { passed: true; amr: readonly string[] } | { passed: false; reason: 'code-needed' | 'enrol-needed' | 'wrong-code' };

/**
 * The second step of a sign-in. A code is a 6-digit TOTP or one of the recovery codes; a wrong
 * one counts towards the name's lockout exactly as a wrong password does, and a locked name is
 * refused whatever the code.
 */
@Injectable()
export class SecondFactor {
  constructor(
    private readonly policy: TwoFactorPolicy,
    private readonly twoFactor: TwoFactorService,
    private readonly users: UsersService,
  ) {}

  /** For channels that cannot prompt: the code comes with the password, or the answer says it is needed. */
  async check(user: User, code: string | undefined, context: LoginContext): Promise<SignInVerdict> {
    const step = await this.policy.stepAfterPassword(user);
    if (step === 'enrol') return this.pending(user, 'enrol', context);
    if (step === 'code' && !code) return this.pending(user, 'otp', context);
    if (step === 'code' && !(await this.verify(user, code!, context))) return { passed: false, reason: 'wrong-code' };
    const amr = step === 'code' ? AMR_PASSWORD_AND_OTP : AMR_PASSWORD;
    await this.users.completeSignIn(user, context, amr);
    return { passed: true, amr };
  }

  /**
   * A code of an enrolled person: accepted once, else counted as a failed sign-in. The attempt is
   * counted before the code is checked, so codes sent together cannot all be tried past the lock (SI5).
   */
  async verify(user: Pick<User, 'id' | 'username'>, code: string, context: LoginContext): Promise<boolean> {
    const trimmed = code.trim();
    const attempt = await this.users.reserveSecondFactor(user, context);
    const accepted =
      attempt !== null &&
      (looksLikeTotp(trimmed) ? await this.twoFactor.acceptTotp(user.id, trimmed) : await this.twoFactor.useRecoveryCode(user.id, trimmed));
    if (accepted) await this.users.secondFactorAccepted(user);
    else await this.users.refuseSecondFactor(user, context, attempt);
    return accepted;
  }

  /** The right password, and no code: audited as a pending sign-in, answered as the step it needs. */
  private async pending(user: User, step: 'otp' | 'enrol', context: LoginContext): Promise<SignInVerdict> {
    await this.users.secondStepPending(user, step, context);
    return { passed: false, reason: step === 'otp' ? 'code-needed' : 'enrol-needed' };
  }
}

import { Injectable } from '@nestjs/common';
import type { User } from '../../users/entities/user.entity';
import { TwoFactorService } from './two-factor.service';

/** What a sign-in needs after the right password: nothing more, a code, or setting up TOTP first. */
export type SecondStep = 'none' | 'code' | 'enrol';

/**
 * Who must give a second factor (issue 15). Anyone who set up TOTP is asked for a code on every
 * channel. A person holding a role marked "two-factor required" (Administrator, as shipped) who
 * has not set it up must do so at the next console sign-in, and API channels refuse them: from
 * the first start, with no exception for a fresh installation (docs/decisions.md, "Two-factor
 * sign-in").
 */
@Injectable()
export class TwoFactorPolicy {
  constructor(private readonly twoFactor: TwoFactorService) {}

  async stepAfterPassword(user: Pick<User, 'id' | 'roles'>): Promise<SecondStep> {
    if (await this.twoFactor.isEnrolled(user.id)) return 'code';
    return this.isRequiredOf(user) ? 'enrol' : 'none';
  }

  /** One of the person's roles requires a second factor. */
  isRequiredOf(user: Pick<User, 'roles'>): boolean {
    return (user.roles ?? []).some((role) => role.twoFactorRequired);
  }
}

import { Injectable } from '@nestjs/common';
import type { LoginContext } from '../../users/account-lockout';
import type { User } from '../../users/entities/user.entity';
import { UsersService } from '../../users/users.service';
import { SecondFactor } from './second-factor';

export type SignInRefusal = 'credentials' | 'code-needed' | 'enrol-needed' | 'wrong-code';

export type SignInOutcome = { user: User; amr: readonly string[] } | { user: null; refusal: SignInRefusal };

/**
 * A sign-in through a channel that cannot prompt (the password grant, /consumer/login, a person's
 * password as client credentials, Basic): the password and, when the person needs one, the
 * second-factor code in the same request.
 */
@Injectable()
export class PasswordSignIn {
  constructor(
    private readonly users: UsersService,
    private readonly secondFactor: SecondFactor,
  ) {}

  async signIn(username: string, password: string, code: string | undefined, context: LoginContext): Promise<SignInOutcome> {
    const user = await this.users.verifyFirstFactor(username, password, context);
    if (!user) return { user: null, refusal: 'credentials' };
    const verdict = await this.secondFactor.check(user, code, context);
    return verdict.passed ? { user, amr: verdict.amr } : { user: null, refusal: verdict.reason };
  }
}

/** The sentence an API channel answers with, the same on every channel. */
export const SIGN_IN_REFUSALS: Record<SignInRefusal, string> = {
  credentials: 'The username or password is wrong, or the account is locked or disabled',
  'code-needed': 'This account signs in with two factors: send the 6-digit code from the authenticator app, or a recovery code, as "otp"',
  'enrol-needed':
    'This account must set up two-factor sign-in before it can get tokens: sign in to the console once (/login) and set up an authenticator app',
  'wrong-code': 'The two-factor code is wrong or was already used, or the account is locked',
};

import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/errors/api-error';

/** What a rule sees of the person whose password was right. */
export interface PasswordSignIn {
  readonly userId: string;
  readonly email: string | null;
}

/** A rule's answer: why this person may not use a password (a sentence safe to show them), or null. */
type Rule = (signIn: PasswordSignIn) => Promise<string | null>;

/**
 * The password was right but this person must sign in another way (their organisation's identity
 * provider is required for their e-mail domain, issue 15). `invalid_grant` on the token and consumer
 * endpoints; the login page shows the sentence beside its form.
 */
export class PasswordSignInRefused extends ApiError {
  constructor(message: string) {
    super(400, 'invalid_grant', message);
  }
}

/**
 * Rules that may refuse a local password after it was verified, registered by the modules above
 * (federation), so that users never imports them (docs/architecture.md, "events instead of calls
 * upwards"). Asked only after the password matched, so a guesser learns nothing from them.
 */
@Injectable()
export class PasswordSignInRules {
  private readonly rules: Rule[] = [];

  add(rule: Rule): void {
    this.rules.push(rule);
  }

  async refusal(signIn: PasswordSignIn): Promise<string | null> {
    for (const rule of this.rules) {
      const reason = await rule(signIn);
      if (reason) return reason;
    }
    return null;
  }
}

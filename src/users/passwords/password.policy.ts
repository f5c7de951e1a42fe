import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { BadRequest } from '../../common/errors/api-error';

export const MIN_LENGTH = 8;
export const ADMINISTRATOR_MIN_LENGTH = 12;
export const MAX_LENGTH = 128;

export interface PasswordContext {
  username: string;
  /** The account holds the `admin` scope (through a role): longer passwords. */
  administrator: boolean;
}

/**
 * The one password policy (OWASP ASVS 5.0 V6.2): at least 8 characters (12 for administrators),
 * at most 128, counted as Unicode code points; no composition rules; not one of the commonly used
 * passwords shipped in `common-passwords.txt` (see its SOURCE file), nor the user name. Every place
 * that sets a password goes through UsersService, which asks this policy.
 */
/** The rules in words for a form that sets someone's password: the numbers the policy checks. */
export function passwordRules(): string {
  return `At least ${MIN_LENGTH} characters (${ADMINISTRATOR_MIN_LENGTH} for administrators), at most ${MAX_LENGTH}; not a commonly used password, nor the user name.`;
}

/** The rules in words for a person setting their own password. */
export function ownPasswordRules(administrator: boolean): string {
  const minimum = administrator ? `${ADMINISTRATOR_MIN_LENGTH} characters (you are an administrator)` : `${MIN_LENGTH} characters`;
  return `At least ${minimum}, at most ${MAX_LENGTH}; not a commonly used password, nor your user name.`;
}

@Injectable()
export class PasswordPolicy {
  private readonly common = new Set(readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8').split('\n').filter(Boolean));

  /** What is wrong with the password, as a sentence starting with "password", or null. */
  problemWith(password: string, context: PasswordContext): string | null {
    const length = [...password].length;
    const minimum = context.administrator ? ADMINISTRATOR_MIN_LENGTH : MIN_LENGTH;
    if (length < minimum) return `password must be at least ${minimum} characters${context.administrator ? ' for an administrator' : ''}`;
    if (length > MAX_LENGTH) return `password must be at most ${MAX_LENGTH} characters`;
    const lower = password.toLowerCase();
    if (this.common.has(lower)) return 'password is one of the most commonly used passwords; choose another';
    if (lower === context.username.toLowerCase()) return 'password must not be the user name';
    return null;
  }

  assertAcceptable(password: string, context: PasswordContext): void {
    const problem = this.problemWith(password, context);
    if (problem) throw new BadRequest(problem, 'password', 'invalid_request');
  }
}

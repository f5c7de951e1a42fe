import { Injectable } from '@nestjs/common';

/** A person's password was set (by themselves or by an administrator). */
export interface PasswordChanged {
  readonly userId: string;
  /** The SHA-256 id of the session the change was made from, which stays signed in; null: none stays. */
  readonly keepSessionIdHash: string | null;
}

type Listener<T> = (event: T) => Promise<void>;

/**
 * Events the users module announces to the modules above it (auth, keys, oauth), so that it never
 * imports them: each subscribes when it starts. `passwordChanged` resolves once every listener has
 * finished, so the change is complete (sessions, grants, tokens ended) before the caller answers.
 */
@Injectable()
export class UserEvents {
  private readonly passwordListeners: Listener<PasswordChanged>[] = [];

  onPasswordChanged(listener: Listener<PasswordChanged>): void {
    this.passwordListeners.push(listener);
  }

  async passwordChanged(event: PasswordChanged): Promise<void> {
    for (const listener of this.passwordListeners) await listener(event);
  }
}

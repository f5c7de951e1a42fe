import { Strategy } from 'passport-strategy';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../principal';

type Verify = (request: FastifyRequest, credential: string, done: (error: unknown, principal?: Principal | false) => void) => void;

/**
 * A passport strategy for one credential form: it extracts the credential (a header scheme or
 * a cookie) and hands it to the Nest strategy's `validate`. Passport moves on to the next
 * strategy on `fail`; the AuthGuard answers 401 when none succeeded.
 */
export abstract class CredentialStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  protected abstract extract(request: FastifyRequest): string | null;

  authenticate(request: unknown): void {
    const credential = this.extract(request as FastifyRequest);
    if (credential === null) return this.fail(401);
    this.verify(request as FastifyRequest, credential, (error, principal) => {
      if (error) return this.error(error instanceof Error ? error : new Error(String(error)));
      if (!principal) return this.fail(401);
      this.success(principal);
    });
  }
}

/** The credentials after `<scheme> ` in the Authorization header (case-insensitive scheme). */
export function authorizationCredentials(request: FastifyRequest, scheme: string): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== scheme) return null;
  return header.slice(space + 1).trim();
}

import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import pLimit from 'p-limit';

/**
 * argon2id at the OWASP Password Storage Cheat Sheet's first recommended parameters
 * (m = 19 MiB, t = 2, p = 1). @node-rs/argon2 hashes on libuv's thread pool, off the event loop.
 */
export const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Password hashes run at most half of libuv's thread pool at a time (2 of the default 4; more
 * wait here). The pool also signs every access token (AccessTokensService): a burst of sign-ins
 * holding every thread made each token wait for a ~20 ms hash (docs/decisions.md, "Signing off
 * the event loop"). It also bounds the memory hashes hold (19 MiB each).
 */
export function hashConcurrency(threadPoolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4): number {
  return Math.max(1, Math.floor(threadPoolSize / 2));
}

@Injectable()
export class PasswordHasher {
  private readonly limit = pLimit(hashConcurrency());
  /** A hash of a random password, verified when the user does not exist so timing does not tell. */
  private decoy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return this.limit(() => hash(password, ARGON2_OPTIONS));
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    const against = passwordHash || (await this.decoyHash());
    const matches = await this.limit(() => verify(against, password)).catch(() => false);
    return Boolean(passwordHash) && matches;
  }

  /** Made once, outside any slot of the limit (so a verify never waits on a hash it holds a slot for). */
  private decoyHash(): Promise<string> {
    this.decoy ??= this.hash(`decoy-${Math.random()}`);
    return this.decoy;
  }
}

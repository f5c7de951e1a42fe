import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/**
 * argon2id at the OWASP Password Storage Cheat Sheet's first recommended parameters
 * (m = 19 MiB, t = 2, p = 1). @node-rs/argon2 hashes on libuv's thread pool, off the event loop.
 */
export const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** A hash of a random password, verified when the user does not exist so timing does not tell. */
  private decoy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoyHash(), password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= this.hash(`decoy-${Math.random()}`);
    return this.decoy;
  }
}

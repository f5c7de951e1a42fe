import type { RevocationKind } from './revocation.entity';

/** One revocation as the feed carries it: what ended, from when, and until when it still matters. */
export interface RevocationFact {
  readonly kind: RevocationKind;
  readonly ref: string;
  /** When it was revoked (ms): for `client` and `user`, tokens issued before this are refused. */
  readonly atMs: number;
  /** After this (ms) no token it could refuse is still unexpired, so it is forgotten. */
  readonly untilMs: number;
}

/** What a row-free access token says about itself (its claims). */
export interface TokenFacts {
  readonly jti: string;
  readonly grantId: string | null;
  readonly clientId: string;
  /** The user whose rights the token uses. */
  readonly ownerId: string;
  /** When its credentials were checked (the UUIDv7 `jti`). */
  readonly issuedAtMs: number;
}

interface NotBefore {
  atMs: number;
  untilMs: number;
}

/**
 * The revocations an instance holds in memory (issue 16): single tokens by `jti` (until their
 * `exp`), grants by id, and a not-before time per client and per user (a rotated secret, a
 * deleted app, a disabled user, a new password). Checking a token reads only this.
 */
export class RevocationState {
  private readonly tokens = new Map<string, number>();
  private readonly grants = new Map<string, number>();
  private readonly clients = new Map<string, NotBefore>();
  private readonly users = new Map<string, NotBefore>();

  get size(): number {
    return this.tokens.size + this.grants.size + this.clients.size + this.users.size;
  }

  /** Idempotent and order-free: a fact seen twice (Redis and the poll) or late changes nothing more. */
  apply(fact: RevocationFact): void {
    switch (fact.kind) {
      case 'jti':
        return keepLatest(this.tokens, fact.ref, fact.untilMs);
      case 'grant':
        return keepLatest(this.grants, fact.ref, fact.untilMs);
      case 'client':
        return raiseNotBefore(this.clients, fact);
      case 'user':
        return raiseNotBefore(this.users, fact);
    }
  }

  refuses(token: TokenFacts): boolean {
    if (this.tokens.has(token.jti)) return true;
    if (token.grantId !== null && this.grants.has(token.grantId)) return true;
    return issuedBefore(this.clients.get(token.clientId), token) || issuedBefore(this.users.get(token.ownerId), token);
  }

  /**
   * Whether the user's not-before time ends what the user authorized at `atMs` (a code from the
   * consent page, a password checked for a sign-in): a new password or a disable at or after it
   * does (ties end it: fail closed; reviews R12, R15).
   */
  endsUserAt(userId: string, atMs: number): boolean {
    const notBefore = this.users.get(userId);
    return notBefore !== undefined && atMs <= notBefore.atMs;
  }

  /** Drops what can no longer refuse an unexpired token. */
  forgetExpired(nowMs: number): void {
    for (const map of [this.tokens, this.grants]) for (const [key, until] of map) if (until <= nowMs) map.delete(key);
    for (const map of [this.clients, this.users]) for (const [key, entry] of map) if (entry.untilMs <= nowMs) map.delete(key);
  }
}

function keepLatest(map: Map<string, number>, key: string, untilMs: number): void {
  map.set(key, Math.max(untilMs, map.get(key) ?? 0));
}

function raiseNotBefore(map: Map<string, NotBefore>, fact: RevocationFact): void {
  const entry = map.get(fact.ref);
  map.set(fact.ref, { atMs: Math.max(fact.atMs, entry?.atMs ?? 0), untilMs: Math.max(fact.untilMs, entry?.untilMs ?? 0) });
}

/** A token whose credentials were checked at or before the not-before time is refused (ties refuse: fail closed). */
function issuedBefore(notBefore: NotBefore | undefined, token: TokenFacts): boolean {
  return notBefore !== undefined && token.issuedAtMs <= notBefore.atMs;
}

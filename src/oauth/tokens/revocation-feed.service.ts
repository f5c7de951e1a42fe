import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { Brackets, In, LessThan, MoreThan, Repository } from 'typeorm';
import { CredentialCaches } from '../../auth/cache/credential-caches';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { Revocation, RevocationKind } from './revocation.entity';
import { RevocationFact, RevocationState, TokenFacts } from './revocation-state';

const CHANNEL = 'tessera:revocations';
const POLL_INTERVAL_MS = 500;
const SWEEP_INTERVAL_MS = 60_000;
/** How long a request waits for the catch-up poll it starts when the feed is stale. */
const CATCH_UP_WAIT_MS = 1_000;
/**
 * The longest an access token lives (ACCESS_TOKEN_TTL, an app's `access_token_ttl` and an API
 * user's TTL are all validated to ≤ 24 h), plus a minute for clocks: after that, a grant, client or
 * user revocation can no longer refuse an unexpired token.
 */
export const LONGEST_ACCESS_TOKEN_MS = 86_400_000 + 60_000;
/**
 * How long a sequence number skipped by the feed is looked for (review R13). MySQL hands out an
 * AUTO_INCREMENT value at INSERT, not at COMMIT: of two publishes at about the same time, the
 * higher number can commit first, and a poll in between sees it before the lower one exists.
 * A rolled-back insert leaves a number that never comes; after this long it is given up.
 */
const GAP_WAIT_MS = 60_000;
/** At most this many missing numbers are looked for at once (a cluster's auto_increment_increment makes many). */
const MAX_GAPS = 1_000;
/** At start, the numbers this far below the newest that are missing are looked for as gaps too. */
const START_GAP_WINDOW = 100;

type Listener = (fact: RevocationFact) => void;

/**
 * Carries revocations to every instance (issue 16). Each instance holds them in memory
 * (RevocationState) and checks every access token against that alone. A revocation is applied
 * at once on the instance that made it, pushed through Redis pub/sub when REDIS_URL is set, and
 * read by every instance from the `revocations` sequence every 500 ms in any case (the source of
 * truth: a lost Redis message costs at most that). When no poll has succeeded for
 * REVOCATION_FEED_STALE_SECONDS, `isCurrent` says no and access tokens are refused (fail closed).
 */
@Injectable()
export class RevocationFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationFeed.name);
  private readonly listeners: Listener[] = [];
  private readonly state = new RevocationState();
  private readonly staleAfterMs: number;
  private lastSeq = 0;
  /** Sequence numbers below `lastSeq` not read yet, and since when they are missing. */
  private readonly gaps = new Map<number, number>();
  private lastPollAt = 0;
  private timers: NodeJS.Timeout[] = [];
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    @InjectRepository(Revocation) private readonly revocations: Repository<Revocation>,
    private readonly caches: CredentialCaches,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {
    this.staleAfterMs = config.tokens.revocationFeedStaleSeconds * 1000;
  }

  async onModuleInit(): Promise<void> {
    await this.loadUnexpired();
    this.timers = [setInterval(() => void this.poll(), POLL_INTERVAL_MS), setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS)];
    for (const timer of this.timers) timer.unref();
    if (this.config.redisUrl) this.connectRedis(this.config.redisUrl);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }

  onRevocation(listener: Listener): void {
    this.listeners.push(listener);
  }

  /**
   * Whether a token may be accepted on what this instance knows: true when the last poll is
   * recent; otherwise after one catch-up poll (bounded wait) succeeds. False means fail closed.
   */
  async isCurrent(): Promise<boolean> {
    if (Date.now() - this.lastPollAt <= this.staleAfterMs) return true;
    await Promise.race([this.poll(), new Promise((resolve) => setTimeout(resolve, CATCH_UP_WAIT_MS).unref())]);
    return Date.now() - this.lastPollAt <= this.staleAfterMs;
  }

  refuses(token: TokenFacts): boolean {
    return this.state.refuses(token);
  }

  /** Whether a new password or a disable of the user since `atMs` ends what was authorized then (RevocationState.endsUserAt). */
  endsUserAt(userId: string, atMs: number): boolean {
    return this.state.endsUserAt(userId, atMs);
  }

  /**
   * Records a revocation and tells every instance. Call after the revoking write has committed.
   * `untilMs`: when the last token it can refuse expires (a single token's `exp`).
   */
  async publish(kind: RevocationKind, ref: string, untilMs?: number): Promise<void> {
    const atMs = Date.now();
    const fact: RevocationFact = { kind, ref: ref.slice(0, 128), atMs, untilMs: untilMs ?? atMs + LONGEST_ACCESS_TOKEN_MS };
    this.receive(fact);
    await this.revocations.insert({ kind, ref: fact.ref, createdAt: new Date(atMs), expiresAt: new Date(fact.untilMs) });
    this.publisher
      ?.publish(CHANNEL, JSON.stringify(fact))
      .catch((error: Error) => this.logger.warn(`Redis publish failed: ${error.message}`));
  }

  private receive(fact: RevocationFact): void {
    this.state.apply(fact);
    // A grant, client or user revoked on any instance also ends what this one cached of clients'
    // secrets and users' rights. One token revoked changes neither: emptying them for it let any
    // application make every instance read them all again at its rate limit (review 3).
    if (fact.kind !== 'jti') this.caches.clear();
    for (const listener of this.listeners) listener(fact);
  }

  /** The sequence first, then the rows: one written in between is read again by the first poll (applying twice is harmless). */
  private async loadUnexpired(): Promise<void> {
    const last = await this.revocations.createQueryBuilder('r').select('MAX(r.seq)', 'seq').getRawOne<{ seq: number | string | null }>();
    const now = new Date();
    const rows = await this.revocations
      .createQueryBuilder('r')
      .where('r.expires_at > :now', { now })
      .orWhere(new Brackets((legacy) => legacy.where('r.expires_at IS NULL').andWhere('r.created_at > :since')), {
        since: new Date(now.getTime() - LONGEST_ACCESS_TOKEN_MS),
      })
      .orderBy('r.seq', 'ASC')
      .getMany();
    for (const row of rows) this.state.apply(toFact(row));
    this.lastSeq = Number(last?.seq ?? 0);
    await this.noteMissingAtStart();
    this.lastPollAt = Date.now();
  }

  /** A row numbered below the newest but not committed when the instance started is read when it commits (R13). */
  private async noteMissingAtStart(): Promise<void> {
    const from = Math.max(0, this.lastSeq - START_GAP_WINDOW);
    const present = await this.revocations.find({ where: { seq: MoreThan(from) }, select: { seq: true } });
    const seen = new Set(present.map((row) => row.seq));
    const now = Date.now();
    for (let seq = from + 1; seq <= this.lastSeq; seq++) if (!seen.has(seq)) this.gaps.set(seq, now);
  }

  private poll(): Promise<void> {
    this.polling ??= this.readNewRows().finally(() => (this.polling = null));
    return this.polling;
  }

  /** The rows after the newest read, and any below it that were missing (committed late: R13). */
  private async readNewRows(): Promise<void> {
    try {
      const newer = { seq: MoreThan(this.lastSeq) };
      const where = this.gaps.size > 0 ? [newer, { seq: In([...this.gaps.keys()]) }] : newer;
      const rows = await this.revocations.find({ where, order: { seq: 'ASC' } });
      const now = Date.now();
      for (const row of rows) {
        if (row.seq > this.lastSeq) this.advanceTo(row.seq, now);
        else this.gaps.delete(row.seq);
        this.receive(toFact(row));
      }
      for (const [seq, since] of this.gaps) if (now - since > GAP_WAIT_MS) this.gaps.delete(seq);
      this.lastPollAt = now;
    } catch (error) {
      // Tokens are refused once this lasts past the bound (isCurrent); the next poll catches up.
      this.logger.warn(`Revocation feed poll failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private advanceTo(seq: number, now: number): void {
    for (let missing = Math.max(this.lastSeq + 1, seq - MAX_GAPS); missing < seq && this.gaps.size < MAX_GAPS; missing++)
      this.gaps.set(missing, now);
    this.lastSeq = seq;
  }

  /** Forgets expired revocations here, and deletes their rows (never the newest: it holds the sequence). */
  private async sweep(): Promise<void> {
    const now = Date.now();
    this.state.forgetExpired(now);
    try {
      await this.revocations.delete({ expiresAt: LessThan(new Date(now - 60_000)), seq: LessThan(this.lastSeq) });
    } catch {
      // The next sweep tries again.
    }
  }

  private connectRedis(url: string): void {
    const options = { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const client of [this.publisher, this.subscriber])
      client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    this.subscriber.subscribe(CHANNEL).catch((error: Error) => this.logger.warn(`Redis subscribe failed: ${error.message}`));
    this.subscriber.on('message', (_channel: string, message: string) => {
      const fact = parseFact(message);
      if (fact) this.receive(fact);
      else void this.poll();
    });
  }
}

function toFact(row: Revocation): RevocationFact {
  const atMs = row.createdAt.getTime();
  return { kind: row.kind, ref: row.ref, atMs, untilMs: row.expiresAt?.getTime() ?? atMs + LONGEST_ACCESS_TOKEN_MS };
}

const KINDS: readonly string[] = ['jti', 'grant', 'user', 'client'];

/** A Redis message is only a hint that arrives early: anything malformed is ignored (the poll reads the row). */
function parseFact(message: string): RevocationFact | null {
  try {
    const fact = JSON.parse(message) as Partial<RevocationFact>;
    const valid =
      typeof fact.kind === 'string' &&
      KINDS.includes(fact.kind) &&
      typeof fact.ref === 'string' &&
      Number.isFinite(fact.atMs) &&
      Number.isFinite(fact.untilMs);
    return valid ? (fact as RevocationFact) : null;
  } catch {
    return null;
  }
}

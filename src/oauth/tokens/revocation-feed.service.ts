import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { Repository } from 'typeorm';
import { Revocation, RevocationKind } from './revocation.entity';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';

const CHANNEL = 'tessera:revocations';
const POLL_INTERVAL_MS = 500;

type Listener = () => void;

/**
 * Tells every instance that something was revoked, so in-process caches drop it within 1 s:
 * at once on this instance, through Redis pub/sub when REDIS_URL is set, and by polling the
 * `revocations` sequence every 500 ms in any case (so a lost Redis message costs at most that).
 */
@Injectable()
export class RevocationFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationFeed.name);
  private readonly listeners: Listener[] = [];
  private lastSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private polling = false;

  constructor(
    @InjectRepository(Revocation) private readonly revocations: Repository<Revocation>,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.lastSeq = await this.currentSeq();
    this.timer = setInterval(() => void this.poll(), POLL_INTERVAL_MS);
    this.timer.unref();
    if (this.config.redisUrl) this.connectRedis(this.config.redisUrl);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }

  onRevocation(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Records a revocation and tells every instance. Call after the revoking write has committed. */
  async publish(kind: RevocationKind, ref: string): Promise<void> {
    this.notify();
    await this.revocations.insert({ kind, ref: ref.slice(0, 128), createdAt: new Date() });
    this.publisher?.publish(CHANNEL, kind).catch((error: Error) => this.logger.warn(`Redis publish failed: ${error.message}`));
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const seq = await this.currentSeq();
      if (seq !== this.lastSeq) {
        this.lastSeq = seq;
        this.notify();
      }
    } catch {
      // The database is unavailable: requests answer 503 meanwhile; the next poll catches up.
    } finally {
      this.polling = false;
    }
  }

  private async currentSeq(): Promise<number> {
    const row = await this.revocations.createQueryBuilder('r').select('MAX(r.seq)', 'seq').getRawOne<{ seq: number | string | null }>();
    return Number(row?.seq ?? 0);
  }

  private connectRedis(url: string): void {
    const options = { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const client of [this.publisher, this.subscriber])
      client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    this.subscriber.subscribe(CHANNEL).catch((error: Error) => this.logger.warn(`Redis subscribe failed: ${error.message}`));
    this.subscriber.on('message', () => this.notify());
  }
}

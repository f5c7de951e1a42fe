import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { destination } from 'pino';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import type { AuditRecord } from './audit.service';
import { auditable } from './secret-shaped';

/** Lines wait in memory at most this long (or until 4 KB gather) before one write appends them. */
const FLUSH_INTERVAL_MS = 1_000;

type Destination = ReturnType<typeof destination>;

/**
 * The audit stream (issue 16): one JSON line per successful token issue (who, client, when, IP,
 * `jti`, grant type, scope), appended to `AUDIT_STREAM` (a file, or `stdout`) without a write on
 * the request path: lines are buffered and written asynchronously (pino's SonicBoom destination)
 * at least every second and at shutdown. Failures and administrative events stay audit rows.
 */
@Injectable()
export class AuditStream implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly out: Destination;
  private timer: NodeJS.Timeout | null = null;
  private unflushed = 0;
  private closed = false;
  private readonly toStdout: boolean;

  constructor(@Inject(TESSERA_CONFIG) config: TesseraConfig) {
    this.toStdout = config.auditStream === 'stdout';
    this.out = destination({ dest: openForAppending(config.auditStream), sync: false, minLength: 4096 });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  /** Closes the file once the app has stopped; a line written after that is dropped (nothing issues tokens then). */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (!this.toStdout) this.out.end();
  }

  /** Never a secret: names, ids and outcomes only, as in an audit row. */
  write(record: AuditRecord): void {
    if (this.closed) return;
    const line = {
      time: new Date().toISOString(),
      event: record.event,
      outcome: record.outcome ?? 'success',
      actor_id: record.actorId ?? null,
      client_id: auditable(record.clientId),
      target: auditable(record.target),
      ip: record.ip ?? null,
      details: record.details ?? null,
    };
    this.out.write(`${JSON.stringify(line)}\n`);
    this.unflushed++;
  }

  /** Resolves once every line written so far has reached the file. */
  flush(): Promise<void> {
    if (this.unflushed === 0 || this.closed) return Promise.resolve();
    this.unflushed = 0;
    return new Promise((resolve) => {
      try {
        this.out.flush(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/**
 * Opened here, synchronously: a path that cannot be written stops the start with its error, and
 * the stream is ready at once (pino flushes it synchronously at exit, which fails on a stream still opening).
 */
function openForAppending(path: string): number {
  if (path === 'stdout') return 1;
  mkdirSync(dirname(path), { recursive: true });
  return openSync(path, 'a');
}

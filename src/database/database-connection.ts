import { DataSource, DataSourceOptions } from 'typeorm';
import { StartError } from '../common/errors/start-error';
import { withoutPassword } from '../config/shown-value';
import { DatabaseConfig } from '../config/tessera-config';

const RETRY_DELAY_MS = 1000;
const FIRST_NOTICE_MS = 1000;
const REMINDER_EVERY_MS = 10_000;

/** Errors that mean "not there yet" (a server still starting, a network blip): worth another try. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

export interface DatabaseWait {
  /** How long to keep trying an unreachable database before giving up. */
  seconds: number;
  /** Where the operator reads the notices (stderr). */
  say: (line: string) => void;
}

/** DATABASE_URL as it may be shown: the password masked; a SQLite file by its path. */
export function describeDatabase(database: DatabaseConfig): string {
  return database.type === 'mysql' ? withoutPassword(database.url) : `sqlite:${database.path}`;
}

/**
 * Opens the data source (running migrations), retrying while the server cannot be reached: the
 * operator hears within a second or two which database it waits for, and, when it gives up, one
 * line naming it. Any other failure (a wrong password, a missing schema) is reported at once.
 */
export async function openDataSource(options: DataSourceOptions, database: DatabaseConfig, wait: DatabaseWait): Promise<DataSource> {
  const notices = new WaitNotices(describeDatabase(database), wait);
  const deadline = Date.now() + wait.seconds * 1000;
  try {
    for (;;) {
      const outcome = await attempt(options, notices);
      if (outcome instanceof DataSource) return outcome;
      if (!isUnreachable(outcome)) throw new StartError(`Tessera could not open the database ${notices.name}: ${reasonOf(outcome)}`);
      if (Date.now() + RETRY_DELAY_MS > deadline) {
        throw new StartError(
          `Tessera could not reach the database ${notices.name} within ${wait.seconds} s (${reasonOf(outcome)}): check DATABASE_URL`,
        );
      }
      notices.failed(outcome);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  } finally {
    notices.stop();
  }
}

async function attempt(options: DataSourceOptions, notices: WaitNotices): Promise<DataSource | unknown> {
  const dataSource = new DataSource(options);
  notices.attempting();
  try {
    return await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    return error;
  }
}

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && UNREACHABLE.has(code);
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return withoutPassword(message.split('\n')[0]).trim() || String((error as { code?: unknown })?.code ?? 'unknown error');
}

/** What the operator reads while Tessera waits: a first line at once, then a reminder every 10 s. */
class WaitNotices {
  private firstNotice: NodeJS.Timeout | null = null;
  private lastSaid = 0;

  constructor(
    readonly name: string,
    private readonly wait: DatabaseWait,
  ) {}

  attempting(): void {
    if (this.lastSaid === 0 && !this.firstNotice) {
      this.firstNotice = setTimeout(() => this.say('no answer yet'), FIRST_NOTICE_MS);
    }
  }

  failed(error: unknown): void {
    if (this.lastSaid === 0 || Date.now() - this.lastSaid >= REMINDER_EVERY_MS) this.say(reasonOf(error));
  }

  stop(): void {
    if (this.firstNotice) clearTimeout(this.firstNotice);
  }

  private say(reason: string): void {
    this.stop();
    const first = this.lastSaid === 0;
    this.lastSaid = Date.now();
    this.wait.say(
      first
        ? `Waiting for the database ${this.name} (${reason}): retrying for up to ${this.wait.seconds} s`
        : `Still waiting for the database ${this.name} (${reason})`,
    );
  }
}

import { Command, InvalidArgumentError, Option } from 'commander';
import { AuditEntryView } from '../../audit/audit-entry.view';
import { AuditFilter, AuditLogService } from '../../audit/audit-log.service';
import { CliContext, insideTessera } from '../cli-runner';

const FOLLOW_EVERY_MS = 1000;

interface Options {
  lines: number;
  follow?: boolean;
  json?: boolean;
  type?: string;
  user?: string;
  outcome?: 'success' | 'failure';
}

function count(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 1000) throw new InvalidArgumentError('must be a whole number from 0 to 1000');
  return Number(value);
}

export function auditTailCommand(context: CliContext): Command {
  return new Command('audit:tail')
    .summary('print the newest audit events (--follow for new ones)')
    .description('Print the newest audit events, oldest first, one per line; --follow keeps printing new ones.')
    .option('-n, --lines <count>', 'how many of the newest events', count, 20)
    .option('-f, --follow', 'keep printing events as they happen (Ctrl-C ends)')
    .option('--json', 'one JSON object per line instead of text')
    .option('--type <event>', 'only this event or family, e.g. login.failed or login')
    .option('--user <name-or-id>', 'only events whose actor or target is this user')
    .addOption(new Option('--outcome <outcome>', 'only successes or failures').choices(['success', 'failure']))
    .action((options: Options) =>
      insideTessera(context, async (tessera) => {
        const log = tessera.get(AuditLogService, { strict: false });
        const filter: AuditFilter = { type: options.type, user: options.user, outcome: options.outcome };
        const newest = (await log.search(filter, { top: options.lines, skip: 0 })).entries.reverse();
        const print = (entry: AuditEntryView) => context.output.result(options.json ? JSON.stringify(entry) : line(entry));
        newest.forEach(print);
        if (options.follow) await follow(log, filter, newest.at(-1)?.id ?? (await lastId(log, filter)), print);
      }),
    );
}

async function follow(log: AuditLogService, filter: AuditFilter, after: number, print: (entry: AuditEntryView) => void): Promise<never> {
  for (let last = after; ;) {
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
    const fresh = (await log.search(filter, { top: 1000, skip: 0 })).entries.filter((entry) => entry.id > last).reverse();
    fresh.forEach(print);
    last = fresh.at(-1)?.id ?? last;
  }
}

async function lastId(log: AuditLogService, filter: AuditFilter): Promise<number> {
  return (await log.search(filter, { top: 1, skip: 0 })).entries[0]?.id ?? 0;
}

/** `2026-12-03T13:20:08.123Z login.failed failure actor=admin ip=127.0.0.1 {"reason":"wrong password"}` */
function line(entry: AuditEntryView): string {
  const parts = [entry.occurred_at, entry.event, entry.outcome];
  if (entry.actor_name ?? entry.actor_id) parts.push(`actor=${entry.actor_name ?? entry.actor_id}`);
  if (entry.client_id) parts.push(`client=${entry.client_id}`);
  if (entry.target) parts.push(`target=${entry.target}`);
  if (entry.ip) parts.push(`ip=${entry.ip}`);
  if (entry.details) parts.push(JSON.stringify(entry.details));
  return parts.join(' ');
}

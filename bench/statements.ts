import { createConnection } from 'mysql2/promise';
import type { RequestSpec } from './lib/load';

/**
 * Issue 16, item 3: database statements per answer, the figure that decides how far N instances
 * scale on one MySQL. MariaDB's `SHOW GLOBAL STATUS` counters Com_select, Com_insert, Com_update
 * and Com_delete are read before and after a run of sequential requests; what the instance does in
 * the background (revocation-feed polls, batched token counts) is measured over an idle window of
 * the same server and reported apart. The counters are server-wide: anything else using the same
 * MariaDB meanwhile (other test suites) adds to them, so a figure is an upper bound.
 */
const COUNTERS = ['Com_select', 'Com_insert', 'Com_update', 'Com_delete'];
const REQUESTS = 400;
const IDLE_MS = 4_000;

export interface StatementScenario {
  title: string;
  target: string;
  /** The next request (a refresh chain needs the previous answer); null when the scenario cannot run. */
  next: () => Promise<RequestSpec | null>;
  /** Reads what the chain needs from an answer. */
  answered?: (body: unknown) => void;
}

interface Counts {
  total: number;
  byCounter: Record<string, number>;
}

async function counts(sql: Awaited<ReturnType<typeof createConnection>>): Promise<Counts> {
  const [rows] = await sql.query(`SHOW GLOBAL STATUS WHERE Variable_name IN (${COUNTERS.map(() => '?').join(', ')})`, COUNTERS);
  const byCounter: Record<string, number> = {};
  for (const row of rows as { Variable_name: string; Value: string }[]) byCounter[row.Variable_name] = Number(row.Value);
  return { total: COUNTERS.reduce((sum, name) => sum + (byCounter[name] ?? 0), 0), byCounter };
}

const delta = (after: Counts, before: Counts): Counts => ({
  total: after.total - before.total,
  byCounter: Object.fromEntries(COUNTERS.map((name) => [name, (after.byCounter[name] ?? 0) - (before.byCounter[name] ?? 0)])),
});

/** Runs each scenario and gives one note per scenario for docs/benchmarks.md. */
export async function statementsPerAnswer(
  databaseUrl: string,
  scenarios: StatementScenario[],
  log: (message: string) => void,
): Promise<string[]> {
  const sql = await createConnection(databaseUrl);
  const notes: string[] = [];
  try {
    const idleStart = await counts(sql);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idle = delta(await counts(sql), idleStart);
    const backgroundPerSecond = idle.total / (IDLE_MS / 1000);
    notes.push(
      `MariaDB, statements in the background with no request (revocation-feed polls, batched counts): ${backgroundPerSecond.toFixed(1)} per second per instance.`,
    );
    for (const scenario of scenarios) {
      let answers = 0;
      let failures = 0;
      const started = Date.now();
      const before = await counts(sql);
      for (let i = 0; i < REQUESTS; i++) {
        const spec = await scenario.next();
        if (!spec) break;
        const response = await fetch(spec.url, { method: spec.method ?? 'GET', headers: spec.headers, body: spec.body });
        const body: unknown = await response.json().catch(() => null);
        if (response.ok) {
          answers++;
          scenario.answered?.(body);
        } else failures++;
      }
      const used = delta(await counts(sql), before);
      const seconds = (Date.now() - started) / 1000;
      if (answers === 0) {
        notes.push(`MariaDB, ${scenario.title}: not run (no successful answer).`);
        continue;
      }
      const background = backgroundPerSecond * seconds;
      const perAnswer = Math.max(0, used.total - background) / answers;
      const parts = COUNTERS.map((name) => `${name.slice(4)} ${(used.byCounter[name] / answers).toFixed(2)}`).join(', ');
      const line =
        `MariaDB, ${scenario.title}: **${perAnswer.toFixed(2)} statements per answer** (target ${scenario.target}; ` +
        `${answers} answers in ${seconds.toFixed(1)} s, all statements counted ${(used.total / answers).toFixed(2)} per answer — ${parts} — ` +
        `of which the idle background rate accounts for ${(background / answers).toFixed(2)})${failures ? `; ${failures} failed` : ''}.`;
      log(`  ${line}`);
      notes.push(line);
    }
  } finally {
    await sql.end();
  }
  return notes;
}

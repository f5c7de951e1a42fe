import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { send } from './lib/clients';
import { prepareDatabase, tesseraEnv } from './lib/fixtures';
import { median } from './lib/load';
import { ServerProcess, startServer, tesseraNodeFlags } from './lib/processes';
import { BENCH_USER, DATA_DIR, RESULTS_DIR } from './lib/settings';

/**
 * `node -r ts-node/register/transpile-only bench/login-cost.ts [dist …]`: the event-loop CPU one
 * password sign-in (`POST /consumer/login`) costs each build, read from /proc like
 * bench/token-cost.ts. The argon2 hash runs on libuv's pool and is counted in the whole process's
 * figure only. What it is for: scenario 9 (token p99 while 20 sign-ins a second run) suffers from
 * every millisecond a sign-in holds the event loop. BENCH_LOGINS (default 400 per round),
 * BENCH_LOGIN_ROUNDS (default 5, interleaved), BENCH_PROFILE=1 as in token-cost.
 */
const LOGINS = Number(process.env.BENCH_LOGINS ?? 400);
const ROUNDS = Number(process.env.BENCH_LOGIN_ROUNDS ?? 5);
const CONCURRENCY = 2;
const DATABASE_URL = `sqlite:${join(DATA_DIR, 'login-cost.sqlite')}`;

interface Subject {
  name: string;
  server: ServerProcess;
  mainUs: number[];
  processUs: number[];
}

function cpuMs(pid: number, thread: boolean): number {
  const stat = readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function signIns(url: string, count: number): Promise<void> {
  let left = count;
  const worker = async () => {
    while (left-- > 0) {
      const response = await send({
        method: 'POST',
        url: `${url}/consumer/login`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BENCH_USER),
      });
      if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function measure(subject: Subject): Promise<void> {
  const pid = subject.server.child.pid!;
  const [main0, process0] = [cpuMs(pid, true), cpuMs(pid, false)];
  await signIns(subject.server.url, LOGINS);
  subject.mainUs.push(((cpuMs(pid, true) - main0) * 1000) / LOGINS);
  subject.processUs.push(((cpuMs(pid, false) - process0) * 1000) / LOGINS);
}

async function main(): Promise<void> {
  const dists = (process.argv.length > 2 ? process.argv.slice(2) : ['dist']).map((dist) => resolve(dist));
  await prepareDatabase(DATABASE_URL, 1000);
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`] : [];
  const subjects: Subject[] = [];
  try {
    for (const dist of dists) {
      const server = await startServer({
        name: dist,
        args: [...tesseraNodeFlags(), ...profile, join(dist, 'main.js')],
        env: tesseraEnv(DATABASE_URL),
        readyPath: '/health',
        stopTimeoutMs: 30_000,
      });
      subjects.push({ name: `Tessera ${dist}`, server, mainUs: [], processUs: [] });
    }
    for (const subject of subjects) await signIns(subject.server.url, 50); // warm-up, not counted
    for (let round = 0; round < ROUNDS; round++) for (const subject of subjects) await measure(subject);
    console.log(`CPU µs per password sign-in, median of ${ROUNDS} runs of ${LOGINS} (min–max)`);
    console.log('| server | main thread | whole process |\n|---|---:|---:|');
    const span = (values: number[]) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
    for (const subject of subjects) console.log(`| ${subject.name} | ${span(subject.mainUs)} | ${span(subject.processUs)} |`);
  } finally {
    await Promise.all(subjects.map((subject) => subject.server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { join, resolve } from 'node:path';
import { loginRequest, send } from './lib/clients';
import { CpuSubject, measureCpu, printCpuTable, startTesseraBuild } from './lib/cpu';
import { prepareDatabase } from './lib/fixtures';
import { DATA_DIR, ROOT } from './lib/settings';

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

async function signIns(url: string, count: number): Promise<void> {
  let left = count;
  const worker = async () => {
    while (left-- > 0) {
      const response = await send(loginRequest(url));
      if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function main(): Promise<void> {
  const dists = (process.argv.length > 2 ? process.argv.slice(2) : ['dist']).map((dist) => resolve(dist));
  await prepareDatabase(DATABASE_URL, 1000);
  const subjects: CpuSubject[] = [];
  try {
    for (const dist of dists)
      subjects.push({
        name: `Tessera ${dist.replace(`${ROOT}/`, '')}`,
        server: await startTesseraBuild(dist, DATABASE_URL),
        mainUs: [],
        processUs: [],
      });
    for (const subject of subjects) await signIns(subject.server.url, 50); // warm-up, not counted
    for (let round = 0; round < ROUNDS; round++)
      for (const subject of subjects) await measureCpu(subject, () => signIns(subject.server.url, LOGINS).then(() => LOGINS));
    printCpuTable(`CPU µs per password sign-in, median of ${ROUNDS} runs of ${LOGINS} (min–max)`, subjects);
  } finally {
    await Promise.all(subjects.map((subject) => subject.server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

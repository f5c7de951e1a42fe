import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './load';
import { ServerProcess, startServer, tesseraNodeFlags } from './processes';
import { RESULTS_DIR } from './settings';
import { tesseraEnv } from './fixtures';

/** One server of a fixed-rate CPU probe (bench/token-cost.ts, bench/login-cost.ts) and its CPU per answer, in µs, per round. */
export interface CpuSubject {
  name: string;
  server: ServerProcess;
  mainUs: number[];
  processUs: number[];
}

/** utime + stime in ms of the event-loop thread (`task/<pid>`) or of the whole process, from /proc (ticks of 10 ms). */
export function cpuMs(pid: number, thread: boolean): number {
  const stat = readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs `answers` (which resolves to how many requests were answered) and adds the subject's CPU per answer to its rounds. */
export async function measureCpu(subject: CpuSubject, answers: () => Promise<number>): Promise<void> {
  const pid = subject.server.child.pid!;
  const [main0, process0] = [cpuMs(pid, true), cpuMs(pid, false)];
  const answered = await answers();
  subject.mainUs.push(((cpuMs(pid, true) - main0) * 1000) / answered);
  subject.processUs.push(((cpuMs(pid, false) - process0) * 1000) / answered);
}

/** A build of Tessera (its `dist/` directory) started as `npm start` starts it; BENCH_PROFILE=1 writes CPU profiles. */
export function startTesseraBuild(dist: string, databaseUrl: string): Promise<ServerProcess> {
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`] : [];
  return startServer({
    name: dist,
    args: [...tesseraNodeFlags(), ...profile, join(dist, 'main.js')],
    env: tesseraEnv(databaseUrl),
    readyPath: '/health',
    stopTimeoutMs: 30_000,
  });
}

/** The table both probes print: median (min–max) of the rounds, event loop and whole process. */
export function printCpuTable(title: string, subjects: CpuSubject[]): void {
  console.log(title);
  console.log('| server | main thread | whole process |\n|---|---:|---:|');
  const span = (values: number[]) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
  for (const subject of subjects) console.log(`| ${subject.name} | ${span(subject.mainUs)} | ${span(subject.processUs)} |`);
}

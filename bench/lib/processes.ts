import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './settings';

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** Resident set size now (VmRSS), in MiB. */
  rssMiB(): number;
  /** CPU time (user + system) the process has used so far, in milliseconds. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface ServerSpec {
  name: string;
  /** Node arguments: a script and its flags. */
  args: string[];
  env: Record<string, string>;
  /** A path that answers 2xx once the server is ready. */
  readyPath: string;
  /** How long SIGTERM may take before SIGKILL (a CPU profile is written only on a clean exit). */
  stopTimeoutMs?: number;
}

/** Starts one server as its own Node process on a free loopback port and waits until it answers. */
export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, spec.args, {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ISSUER: url, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilReady(`${url}${spec.readyPath}`, child, () => output);
  return {
    name: spec.name,
    url,
    child,
    output: () => output,
    peakRssMiB: () => statusMiB(child.pid!, 'VmHWM'),
    rssMiB: () => statusMiB(child.pid!, 'VmRSS'),
    cpuMs: () => cpuMs(child.pid!),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), spec.stopTimeoutMs ?? 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited before it was ready:\n${output()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${url}: the server did not become ready in 60 s:\n${output()}`);
}

function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: Record<string, string> = {}, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, cwd });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * The Node flags `npm start` gives Tessera (package.json), so a bench measures Tessera as it is
 * started; BENCH_TESSERA_NODE_FLAGS replaces them.
 */
export function tesseraNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const match = /^node (.*)dist\/main\.js$/.exec(scripts.start);
  if (!match) throw new Error(`package.json's start script is not "node [flags] dist/main.js": ${scripts.start}`);
  return (process.env.BENCH_TESSERA_NODE_FLAGS ?? match[1]).split(' ').filter(Boolean);
}

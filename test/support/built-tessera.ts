import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');

/** Builds dist/ when a source is newer than the last build (one build at a time across workers). */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [join(REPO, 'scripts', 'build-if-stale.js')], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end (killed after `timeoutMs`), in its own empty directory unless `cwd` is given. */
export function runToEnd(
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'tessera-run-')),
    env: { ...cleanEnvironment(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** The environment without Tessera's own variables (a developer's shell may set some). */
export function cleanEnvironment(): Record<string, string> {
  const kept = Object.entries(process.env).filter(([name]) => !TESSERA_VARIABLES.test(name));
  return Object.fromEntries(kept) as Record<string, string>;
}

const TESSERA_VARIABLES =
  /^(PORT|HOST|ISSUER|DATABASE_URL|DATABASE_WAIT_SECONDS|REDIS_URL|TESSERA_SECRET|ADMIN_\w+|SEED_DEMO|LOG_LEVEL|RATE_LIMIT\w*|TRUST_PROXY)$/;

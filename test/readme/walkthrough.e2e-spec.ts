import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnvironment, ensureBuilt, REPO } from '../support/built-tessera';
import { freePort } from '../support/free-port';

/** The README's walkthrough, as written: the first ```bash block under "## Walkthrough". */
function walkthrough(): { server: string; client: string } {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Walkthrough'));
  const block = section.match(/```bash\n([\s\S]*?)```/)![1];
  const lines = block.split('\n');
  const server = lines.filter((line) => line.includes('# first terminal'));
  expect(server).toHaveLength(1);
  return { server: server[0], client: lines.filter((line) => !line.includes('# first terminal')).join('\n') };
}

/**
 * A checkout of its own for the walkthrough: the repository's files linked in, so `npm start` and
 * `npx tessera` run as in a clone while ./data (and app.json) are this directory's.
 */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-readme-'));
  for (const name of [
    'package.json',
    'node_modules',
    'dist',
    'src',
    'scripts',
    'bin',
    'tsconfig.json',
    'tsconfig.build.json',
    'nest-cli.json',
  ]) {
    symlinkSync(join(REPO, name), join(dir, name));
  }
  return dir;
}

interface Terminal {
  child: ChildProcess;
  output: () => string;
}

function terminal(command: string, cwd: string, env: Record<string, string>): Terminal {
  const child = spawn('bash', ['-c', command], {
    cwd,
    env: { ...cleanEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function untilReady(port: number, first: Terminal): Promise<void> {
  for (const until = Date.now() + 240_000; Date.now() < until;) {
    if (first.child.exitCode !== null) break;
    if (
      await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Tessera did not start:\n${first.output()}`);
}

async function stop(first: Terminal): Promise<void> {
  if (first.child.exitCode !== null) return;
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  process.kill(-first.child.pid!, 'SIGTERM'); // npm, its shell and Tessera: the whole group
  await exited;
}

async function run(command: string, cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  const second = terminal(`set -eo pipefail\n${command}`, cwd, {});
  const timer = setTimeout(() => process.kill(-second.child.pid!, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => second.child.once('close', resolve));
  clearTimeout(timer);
  return { code, output: second.output() };
}

/** Runs the walkthrough in `dir`: the first terminal's line with PORT set, then the second terminal's lines. */
async function walkThrough(dir: string): Promise<{ code: number | null; output: string; startOutput: string }> {
  const { server, client } = walkthrough();
  const port = await freePort();
  const first = terminal(server, dir, { PORT: String(port) });
  try {
    await untilReady(port, first);
    const second = await run(client.replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`), dir, 120_000);
    return { ...second, startOutput: first.output() };
  } finally {
    await stop(first);
  }
}

function expectEveryStepAnswered(output: string): void {
  expect(output).not.toContain('undefined');
  expect(output).toMatch(/^link: <[^>]+\$skiptoken=[^>]+>; rel="next"/im); // 2 and 3
  expect(output).toMatch(/^\[\{"id":\d+,"number":/m); // 2: the rooms
  expect(output).toMatch(/\{"access_token":"[^"]+","token_type":"Bearer","expires_in":3600,"scope":"read"\}/); // 4
  expect(output).toMatch(/"@odata\.context":"[^"]+\/odata\/01\/\$metadata#rooms\([^)]*\)","@odata\.count":\d+/); // 6
}

describe('README walkthrough, run as written', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('works on a fresh ./data', async () => {
    const result = await walkThrough(checkout());
    expect([result.code, result.output]).toEqual([0, expect.any(String)]);
    expectEveryStepAnswered(result.output);
  }, 400_000);

  it('works on an existing ./data from "npm install && npm start" (a generated administrator password)', async () => {
    const dir = checkout();
    const port = await freePort();
    const twoCommands = terminal('npm start', dir, { PORT: String(port) });
    try {
      await untilReady(port, twoCommands);
    } finally {
      await stop(twoCommands);
    }
    expect(twoCommands.output()).toMatch(/created the administrator "admin" with the password/);

    const result = await walkThrough(dir);
    expect(result.startOutput).toContain('ADMIN_PASSWORD is set, but the administrator "admin" already exists with another password');
    expect([result.code, result.output]).toEqual([0, expect.any(String)]);
    expectEveryStepAnswered(result.output);
  }, 400_000);
});

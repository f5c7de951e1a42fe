import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnvironment, ensureBuilt, REPO } from '../support/built-tessera';
import { freePort } from '../support/free-port';

interface Started {
  child: ChildProcess;
  stderr: () => string;
  url: string;
}

/** `npm start`'s server (dist/main.js) in `cwd`, so ./data is that directory's; resolves once it listens. */
async function startIn(cwd: string, env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO, 'dist', 'main.js')], {
    cwd,
    env: { ...cleanEnvironment(), PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  for (const until = Date.now() + 60_000; !stderr.includes('Tessera listening on');) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`Tessera did not start:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, stderr: () => stderr, url: `http://127.0.0.1:${port}` };
}

async function stop(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

/**
 * What `/consumer/login` says to the administrator's password. As shipped the administrator must
 * set up two-factor sign-in at the console first, so even the right password gets no token: the
 * answer says which of the two it was.
 */
const login = (url: string, password: string) =>
  fetch(`${url}/consumer/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  }).then(async (r) => `${r.status} ${((await r.json()) as { error_description?: string }).error_description}`);
const RIGHT_PASSWORD = /^400 This account must set up two-factor sign-in before it can get tokens/;
const WRONG_PASSWORD = '400 The username or password is wrong, or the account is locked or disabled';

describe('ADMIN_PASSWORD with an existing ./data', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('says at start that the administrator keeps its password, and how to reset it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tessera-data-'));
    const first = await startIn(cwd, {});
    const generated = first.stderr().match(/with the password:\s+(\S+)/)![1];
    await stop(first);

    const second = await startIn(cwd, { ADMIN_PASSWORD: 'change-me-now' });
    try {
      expect(second.stderr()).toContain(
        'ADMIN_PASSWORD is set, but the administrator "admin" already exists with another password: ADMIN_PASSWORD applies on first start only.\n' +
          "  To set it: echo '<password>' | npx tessera user:reset-password admin --stdin\n",
      );
      expect(second.stderr()).not.toContain('change-me-now');
      expect(await login(second.url, generated)).toMatch(RIGHT_PASSWORD);
      expect(await login(second.url, 'change-me-now')).toBe(WRONG_PASSWORD);
    } finally {
      await stop(second);
    }
  }, 120_000);

  it("says nothing when ADMIN_PASSWORD is the administrator's password already", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tessera-data-'));
    await stop(await startIn(cwd, { ADMIN_PASSWORD: 'change-me-now' }));
    const again = await startIn(cwd, { ADMIN_PASSWORD: 'change-me-now' });
    try {
      expect(again.stderr()).not.toContain('ADMIN_PASSWORD');
    } finally {
      await stop(again);
    }
  }, 120_000);
});

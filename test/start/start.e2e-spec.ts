import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { ensureBuilt, REPO, runToEnd } from '../support/built-tessera';

const MAIN = join(REPO, 'dist', 'main.js');

/** How an operator starts Tessera: the built server as a process, its own empty directory. */
const start = (env: Record<string, string>, cwd?: string) => runToEnd([MAIN], { LOG_LEVEL: 'warn', ...env }, { cwd, timeoutMs: 60_000 });

describe('npm start: what an operator reads when it cannot start', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('names only the real reason for PORT=abc', async () => {
    const run = await start({ PORT: 'abc' });
    expect(run.code).toBe(78);
    expect(run.stderr).toBe('Invalid configuration:\n  - PORT must be an integer number (got "abc")\n');
  });

  it('never echoes a secret in a configuration error', async () => {
    const run = await start({ TESSERA_SECRET: 'short', ADMIN_PASSWORD: 'tiny', DATABASE_URL: 'postgres://tessera:db-pass-9@db/tessera' });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('TESSERA_SECRET must be at least 16 characters (got a value of 5 characters)');
    expect(run.stderr).toContain('ADMIN_PASSWORD must be at least 12 characters (got a value of 4 characters)');
    expect(run.stderr).toContain('(got "postgres://tessera:***@db/tessera")');
    expect(run.stderr).not.toMatch(/short|tiny|db-pass-9/);
  });

  describe('a busy port', () => {
    let other: Server;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      other = createServer();
      await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise((resolve) => other.close(resolve)));

    it('is found before the database is touched and before the administrator is created', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'tessera-busy-'));
      const run = await start({ PORT: String(port), HOST: '127.0.0.1' }, cwd);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `Port ${port} on 127.0.0.1 is already in use (another Tessera?): stop that process or set PORT to a free port\n`,
      );
      expect(existsSync(join(cwd, 'data'))).toBe(false);
    });
  });

  it('says at once that it is retrying an unreachable DATABASE_URL, password masked, and ends with one line naming it', async () => {
    const closed = await freePort();
    const url = `mysql://tessera:db-pass-9@127.0.0.1:${closed}/tessera`;
    const run = await start({ PORT: String(await freePort()), DATABASE_URL: url, DATABASE_WAIT_SECONDS: '2' });
    const shown = `mysql://tessera:***@127.0.0.1:${closed}/tessera`;
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `Waiting for the database ${shown} (connect ECONNREFUSED 127.0.0.1:${closed}): retrying for up to 2 s`,
      `Tessera could not reach the database ${shown} within 2 s (connect ECONNREFUSED 127.0.0.1:${closed}): check DATABASE_URL`,
    ]);
    expect(run.stdout).toBe('');
  });

  describe('a database that accepts the connection and never answers (a firewall, a hung server)', () => {
    let silent: Server;
    let port: number;
    const held: Socket[] = [];
    beforeAll(async () => {
      port = await freePort();
      silent = createServer((socket) => void held.push(socket));
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    });
    afterAll(() => {
      held.forEach((socket) => socket.destroy());
      return new Promise((resolve) => silent.close(resolve));
    });

    it('is named after a second without an answer, not when the driver gives up', async () => {
      const run = await start({
        PORT: String(await freePort()),
        DATABASE_URL: `mysql://tessera:db-pass-9@127.0.0.1:${port}/tessera`,
        DATABASE_WAIT_SECONDS: '1',
      });
      const lines = run.stderr.trimEnd().split('\n');
      expect(run.code).toBe(1);
      expect(lines[0]).toBe(
        `Waiting for the database mysql://tessera:***@127.0.0.1:${port}/tessera (no answer yet): retrying for up to 1 s`,
      );
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^Tessera could not reach the database mysql://tessera:\\*\\*\\*@127\\.0\\.0\\.1:${port}/tessera within 1 s \\(.+\\): check DATABASE_URL$`,
        ),
      );
      expect(run.stderr).not.toContain('db-pass-9');
    });
  });
});

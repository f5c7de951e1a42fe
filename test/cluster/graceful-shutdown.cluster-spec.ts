import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTesseraProcess, TesseraProcess } from '../support/tessera-process';
import { liftAdministratorTwoFactor } from './cluster-flows';

/** graceful-shutdown.ts forces an exit after 15 s and bounds the drain at 10 s; a clean stop needs neither. */
const CLEAN_EXIT_BOUND_MS = 5000;

interface Outcome {
  status?: number;
  error?: string;
  finishedAt: number;
}

/** One request on its own connection (Connection: close), so every request is its own accept. */
function get(url: string, path: string, authorization: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${path}`, { agent: false, headers: { authorization, connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, finishedAt: Date.now() }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, finishedAt: Date.now() }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, finishedAt: Date.now() }));
    req.end();
  });
}

/** The server's own request log: one line per request it received, with how it ended. */
function requestLog(output: string, path: string): { msg: string; res?: { statusCode: number } }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"reqId"'))
    .map((line) => JSON.parse(line))
    .filter((line) => line.req?.path === path);
}

describe('SIGTERM under load', () => {
  let tessera: TesseraProcess;
  const password = 'admin-password-for-shutdown';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-shutdown-'));
    const env = {
      DATABASE_URL: `sqlite:${join(dir, 't.sqlite')}`,
      ADMIN_PASSWORD: password,
      SEED_DEMO: 'false',
      ALLOW_BASIC_PASSWORD: 'true',
      LOG_LEVEL: 'info',
    };
    tessera = await startTesseraProcess(env, 32000 + Math.floor(Math.random() * 20000));
    // The load signs in as the administrator with Basic admin:password, which the shipped two-factor requirement refuses.
    await liftAdministratorTwoFactor(env);
  });

  it('finishes every request it received, answers none with an error, and exits 0', async () => {
    const auth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    const outcomes: Outcome[] = [];
    const loop = async () => {
      for (;;) {
        const outcome = await get(tessera.url, '/api/me', auth);
        outcomes.push(outcome);
        if (outcome.error) return;
      }
    };
    const loops = Array.from({ length: 16 }, loop);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const signalledAt = Date.now();
    const exitCode = await tessera.stop('SIGTERM');
    const exitedAfter = Date.now() - signalledAt;
    await Promise.all(loops);

    expect(exitCode).toBe(0);
    // Nothing (a timer, a Redis client, a poll) keeps the event loop alive after app.close().
    expect(exitedAfter).toBeLessThan(CLEAN_EXIT_BOUND_MS);
    expect(outcomes.filter((o) => o.status !== undefined && o.status !== 200)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 200 && o.finishedAt >= signalledAt).length).toBeGreaterThan(0);
    // Connection-level refusals only: never accepted (ECONNREFUSED), or reset by the kernel from the accept backlog.
    expect(outcomes.filter((o) => o.error && !['ECONNREFUSED', 'ECONNRESET'].includes(o.error))).toEqual([]);
    // What the server received it finished: as many completions in its log as 200s at the client, nothing aborted.
    const log = requestLog(tessera.output(), '/api/me').filter((line) => line.msg !== 'request completed' || line.res?.statusCode === 200);
    expect(log.filter((line) => line.msg !== 'request completed')).toEqual([]);
    expect(log.length).toBe(outcomes.filter((o) => o.status === 200).length);
    expect(tessera.output()).toContain('SIGTERM received: finishing in-flight requests');
  });
});

describe('readiness during shutdown', () => {
  it('answers 503 as soon as shutdown starts, so a load balancer stops routing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ready-'));
    const tessera = await startTesseraProcess(
      { DATABASE_URL: `sqlite:${join(dir, 't.sqlite')}`, ADMIN_PASSWORD: 'admin-password-ready', SEED_DEMO: 'false' },
      32000 + Math.floor(Math.random() * 20000),
    );
    const slow = get(tessera.url, '/health/ready', '');
    expect((await slow).status).toBe(200);
    const signalledAt = Date.now();
    tessera.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await get(tessera.url, '/health/ready', '');
    expect([503, undefined]).toContain(during.status);
    expect(await tessera.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(CLEAN_EXIT_BOUND_MS);
  });
});

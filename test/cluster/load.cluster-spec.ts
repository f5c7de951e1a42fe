import { readFileSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTesseraProcess, TesseraProcess } from '../support/tessera-process';
import {
  ADMIN_PASSWORD,
  Answer,
  basic,
  bearer,
  call,
  createPerson,
  freePort,
  liftAdministratorTwoFactor,
  login,
  registerApp,
  sleep,
  unique,
} from './cluster-flows';
import { MARIADB_URL, REDIS_URL } from './mariadb';

const DURATION_MS = 60_000;
const WARM_UP_MS = 10_000;

/** Resident set size of a process, from /proc (Linux), in bytes. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) * 1024;
}

interface Tally {
  requests: number;
  byStatus: Record<string, number>;
  failures: string[];
}

/**
 * A bounded load test (issue 7 item 7), loopback only: 60 s of mixed traffic (tokens, reads,
 * writes, logins, revocations) against the built app on MariaDB and Redis. It ends with no 5xx,
 * no lost writes (rows written = 2xx answers to writes) and flat memory (the lowest RSS of the
 * last 20 s, once a collection has run, against the highest just after warm-up).
 */
describe('mixed load for 60 s', () => {
  let database: TestDatabase;
  let tessera: TesseraProcess;

  beforeAll(async () => {
    database = await createTestDatabase(MARIADB_URL);
    const env = { DATABASE_URL: database.url, REDIS_URL, ADMIN_PASSWORD, SEED_DEMO: 'false', RATE_LIMITS: 'off' };
    tessera = await startTesseraProcess(env, await freePort());
    await liftAdministratorTwoFactor(env);
  }, 60_000);
  afterAll(async () => {
    await tessera?.stop();
    await database?.drop();
  });

  it('answers no 5xx, loses no write and keeps its memory flat', async () => {
    const url = tessera.url;
    const adminToken = await login(url, 'admin', ADMIN_PASSWORD);
    expect(
      (await call(`${url}/api/admin/databases`, { method: 'POST', headers: bearer(adminToken), json: { id: '01', name: 'Load' } })).status,
    ).toBe(201);
    const person = await createPerson(url, adminToken, { database_access: { '01': 'read' } });
    const app = await registerApp(url, await login(url, person.username, person.password));
    const run = unique('load-');

    const tally: Tally = { requests: 0, byStatus: {}, failures: [] };
    let writesAccepted = 0;
    const until = Date.now() + DURATION_MS;
    const record = (what: string, answer: Answer | null, expected: (status: number) => boolean) => {
      tally.requests++;
      const status = answer ? String(answer.status) : 'network error';
      tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
      if (!answer || !expected(answer.status))
        tally.failures.push(`${what}: ${status} ${answer ? JSON.stringify(answer.body).slice(0, 200) : ''}`);
    };
    const attempt = (promise: Promise<Answer>) => promise.catch(() => null);
    const clientToken = async () => {
      const answer = await attempt(
        call(`${url}/oauth2/token`, {
          method: 'POST',
          headers: basic(app.client_id, app.client_secret),
          form: { grant_type: 'client_credentials', scope: 'read' },
        }),
      );
      record('token', answer, (s) => s === 200);
      return answer?.status === 200 ? (answer.body.access_token as string) : null;
    };

    const loops = {
      reader: async () => {
        let token = await clientToken();
        for (let i = 0; Date.now() < until; i++) {
          if (i % 50 === 0) token = (await clientToken()) ?? token;
          const path =
            i % 2 === 0
              ? '/api/database/01/rooms?$top=20&$orderby=name'
              : `/odata/01/rooms?$filter=${encodeURIComponent("startswith(name,'load')")}&$top=20&$count=true`;
          record('read', await attempt(call(`${url}${path}`, { headers: bearer(token ?? '') })), (s) => s === 200);
        }
      },
      writer: async () => {
        for (let i = 0; Date.now() < until; i++) {
          const answer = await attempt(
            call(`${url}/api/database/01/rooms`, {
              method: 'POST',
              headers: bearer(adminToken),
              json: { number: `${run}-${i}`, name: `${run} room ${i}`, status: 'planned' },
            }),
          );
          record('write', answer, (s) => s === 201);
          if (answer && answer.status >= 200 && answer.status < 300) writesAccepted++;
        }
      },
      tokens: async () => {
        while (Date.now() < until) await clientToken();
      },
      logins: async () => {
        while (Date.now() < until) {
          record(
            'login',
            await attempt(
              call(`${url}/consumer/login`, { method: 'POST', json: { username: person.username, password: person.password } }),
            ),
            (s) => s === 200,
          );
        }
      },
      revocations: async () => {
        while (Date.now() < until) {
          const token = await clientToken();
          if (!token) continue;
          record(
            'revoke',
            await attempt(
              call(`${url}/oauth2/revoke`, { method: 'POST', headers: basic(app.client_id, app.client_secret), form: { token } }),
            ),
            (s) => s === 200,
          );
          record('revoked token refused', await attempt(call(`${url}/api/me`, { headers: bearer(token) })), (s) => s === 401);
        }
      },
    };

    const pid = tessera.child.pid!;
    const samples: number[] = [];
    const sampler = (async () => {
      while (Date.now() < until) {
        samples.push(rssOf(pid));
        await sleep(1000);
      }
    })();
    const running = [loops.reader(), loops.reader(), loops.writer(), loops.writer(), loops.tokens(), loops.logins(), loops.revocations()];
    await sleep(WARM_UP_MS);
    const warmRss = Math.max(...samples.slice(-3));
    await Promise.all([...running, sampler]);
    // RSS under load is a sawtooth (V8 grows its heap, then a major collection returns it): a
    // leak shows as rising troughs, so the last 20 s's lowest sample is what must stay flat.
    const endRss = Math.min(...samples.slice(-20));

    const connection = await createConnection(database.url);
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM rooms WHERE number LIKE ?', [`${run}-%`]);
    await connection.end();
    const written = Number((rows as { n: number }[])[0].n);

    process.stderr.write(
      `load: ${tally.requests} requests ${JSON.stringify(tally.byStatus)}, writes 2xx ${writesAccepted}, rows ${written}, RSS warm ${(warmRss / 2 ** 20).toFixed(1)} MiB, lowest of the last 20 s ${(endRss / 2 ** 20).toFixed(1)} MiB (samples ${samples.map((rss) => (rss / 2 ** 20).toFixed(0)).join(' ')})\n`,
    );
    expect(tally.failures.slice(0, 10)).toEqual([]);
    expect(Object.keys(tally.byStatus).filter((status) => !/^[1-4]\d\d$/.test(status))).toEqual([]);
    expect(writesAccepted).toBeGreaterThan(0);
    expect(written).toBe(writesAccepted);
    expect(endRss).toBeLessThan(warmRss * 1.5);
    expect((await call(`${url}/health/ready`)).status).toBe(200);
  }, 180_000);
});

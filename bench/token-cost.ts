import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { accessToken, loginRequest, OAuthClient, registerApp, send, tokenRequest } from './lib/clients';
import { CpuSubject, measureCpu, printCpuTable, startTesseraBuild } from './lib/cpu';
import { prepareDatabase } from './lib/fixtures';
import { RequestSpec } from './lib/load';
import { ServerProcess, startServer } from './lib/processes';
import { DATA_DIR, ROOT } from './lib/settings';

/**
 * `node -r ts-node/register/transpile-only bench/token-cost.ts [dist …]`: the CPU a
 * `client_credentials` token costs each build of Tessera (default dist/), oidc-provider's opaque
 * mode and the bare node:http floor, at a fixed rate below saturation. Two figures per server: the
 * main thread's CPU per token (what bounds a Node process's requests/s: one event loop) and the
 * whole process's (GC helper threads and libuv's pool included), read from /proc.
 *
 * Why: in `npm run bench` the requests/s of the same build against the same peer moved 0.80–1.21×
 * from one run to the next (4 December), because the load generator shares the two cores and
 * saturation amplifies every disturbance. A fixed rate below every server's capacity takes the
 * load generator's share out of the comparison. Tessera starts with `npm start`'s Node flags;
 * BENCH_PROFILE=1 writes its CPU profiles to bench/results/profiles. BENCH_TOKEN_RATE (default 2,500/s),
 * BENCH_TOKEN_SECONDS (default 4) and BENCH_TOKEN_ROUNDS (default 5, interleaved) tune it.
 */
const RATE = Number(process.env.BENCH_TOKEN_RATE ?? 2500);
const SECONDS = Number(process.env.BENCH_TOKEN_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_TOKEN_ROUNDS ?? 5);
const DATABASE_URL = `sqlite:${join(DATA_DIR, 'token-cost.sqlite')}`;
const tsServer = (file: string) => ['-r', 'ts-node/register/transpile-only', join(ROOT, file)];

interface Subject extends CpuSubject {
  request: RequestSpec;
}

async function measure(subject: Subject): Promise<void> {
  await measureCpu(subject, async () => {
    const result = await autocannon({
      url: subject.request.url,
      method: subject.request.method,
      headers: subject.request.headers,
      body: subject.request.body,
      connections: 10,
      overallRate: RATE,
      duration: SECONDS,
    });
    if (result['2xx'] === 0 || result.non2xx + result.errors > 0)
      throw new Error(`${subject.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return result['2xx'];
  });
}

async function tessera(dist: string): Promise<{ server: ServerProcess; client: OAuthClient }> {
  const server = await startTesseraBuild(dist, DATABASE_URL);
  const login = await send(loginRequest(server.url));
  const { token } = (await login.json()) as { token: string };
  const client = await registerApp(server.url, token);
  if (!client) throw new Error(`${dist}: could not register the bench application`);
  return { server, client };
}

async function main(): Promise<void> {
  const dists = (process.argv.length > 2 ? process.argv.slice(2) : ['dist']).map((dist) => resolve(dist));
  await prepareDatabase(DATABASE_URL, 1000);
  const subjects: Subject[] = [];
  const add = (name: string, server: ServerProcess, request: RequestSpec) =>
    subjects.push({ name, server, request, mainUs: [], processUs: [] });
  try {
    let client: OAuthClient | null = null;
    for (const dist of dists) {
      const started = await tessera(dist);
      client = started.client;
      add(`Tessera ${dist.replace(`${ROOT}/`, '')}`, started.server, tokenRequest(started.server.url, '/oauth2/token', started.client));
    }
    const env = { PEER_FORMAT: 'opaque', PEER_CLIENT_ID: client!.clientId, PEER_CLIENT_SECRET: client!.clientSecret };
    const peer = await startServer({
      name: 'peer',
      args: tsServer('bench/peer/oidc-provider.ts'),
      env,
      readyPath: '/.well-known/openid-configuration',
    });
    add('oidc-provider opaque', peer, tokenRequest(peer.url, '/token', client!));
    const floorEnv = {
      DATABASE_URL,
      JWKS_URL: '',
      TOKEN_ISSUER: 'http://floor',
      FLOOR_CLIENT_ID: client!.clientId,
      FLOOR_CLIENT_SECRET: client!.clientSecret,
    };
    const floor = await startServer({ name: 'floor', args: tsServer('bench/baseline/server.ts'), env: floorEnv, readyPath: '/health' });
    add('node:http token floor', floor, tokenRequest(floor.url, '/oauth2/token', client!));
    for (const subject of subjects) if (!(await accessToken(subject.request))) throw new Error(`${subject.name} issued no token`);
    for (const subject of subjects) await measure(subject); // warm-up, not counted
    subjects.forEach((subject) => subject.mainUs.splice(0) && subject.processUs.splice(0));
    for (let round = 0; round < ROUNDS; round++) for (const subject of subjects) await measure(subject);
    printCpuTable(`CPU µs per client_credentials token at ${RATE}/s, median of ${ROUNDS} runs of ${SECONDS} s (min–max)`, subjects);
  } finally {
    await Promise.all(subjects.map((subject) => subject.server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  accessToken,
  basic,
  fullPull,
  LoginCounts,
  loginRequest,
  loginStream,
  nextLink,
  OAuthClient,
  registerApp,
  send,
  status,
  tokenRequest,
} from './lib/clients';
import { Fixture, prepareDatabase, tesseraEnv } from './lib/fixtures';
import { load, LoadResult, median, percentile, RequestSpec } from './lib/load';
import { run, ServerProcess, startServer, tesseraNodeFlags } from './lib/processes';
import { Goal, goalText, met, Outcome, writeReport } from './lib/report';
import { DATA_DIR, DATABASE_ID, RESULTS_DIR, ROOT, SETTINGS } from './lib/settings';
import { odataScenarios } from './odata-scenarios';
import { StatementScenario, statementsPerAnswer } from './statements';

/**
 * `npm run bench`: builds Tessera, seeds the databases, starts every server as its own process
 * and measures each scenario of issue 6 against its reference, writing docs/benchmarks.md and
 * docs/benchmarks.svg. `BENCH_ONLY=3,5` runs only those scenarios; `BENCH_PROFILE=1` writes a CPU
 * profile of Tessera to bench/results/profiles (summarize it with bench/profile-summary.ts);
 * `BENCH_TESSERA_DIST=<dir>` runs another build of Tessera (a before/after comparison);
 * see lib/settings.ts for the rest.
 */
type Metric = 'requests/s' | 'mean latency ms' | 'p99 latency ms';

interface Target {
  server: ServerProcess;
  request: RequestSpec;
  connections?: number;
  /** Something that runs while this target is measured (the login stream of scenario 9). */
  alongside?: () => { stop(): Promise<unknown> };
}

interface Comparison {
  id: string;
  title: string;
  metric: Metric;
  subject: Target;
  reference: Target;
  referenceName: string;
  goal: Goal;
  /** Measured runs of each side (default BENCH_RUNS); the reported ratio is the median of the paired runs' ratios. */
  runs?: number;
}

const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (id: string) => !only || only.has(id);
const tsServer = (file: string) => ['-r', 'ts-node/register/transpile-only', join(ROOT, file)];
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function valueOf(result: LoadResult, metric: Metric): number {
  if (metric === 'requests/s') return result.requestsPerSecond;
  return metric === 'mean latency ms' ? result.latencyMeanMs : result.latencyP99Ms;
}

/** Counts what a side of a comparison cost: failed requests, and the server's CPU time per answer. */
interface Tally {
  failures: number;
  cpuMs: number;
  answered: number;
}

async function measure(target: Target, metric: Metric, tally: Tally): Promise<number> {
  const background = target.alongside?.();
  try {
    const cpuBefore = target.server.cpuMs();
    const result = await load(target.request, { connections: target.connections });
    tally.cpuMs += target.server.cpuMs() - cpuBefore;
    tally.answered += result.answered;
    tally.failures += result.failures;
    return valueOf(result, metric);
  } finally {
    await background?.stop();
  }
}

/** Warm both up, then measure them alternately `runs` times; the medians and their ratio. */
async function compare(pass: string, comparison: Comparison): Promise<Outcome> {
  log(`${pass} ${comparison.id}: ${comparison.title}`);
  const subjectTally: Tally = { failures: 0, cpuMs: 0, answered: 0 };
  const referenceTally: Tally = { failures: 0, cpuMs: 0, answered: 0 };
  for (const target of [comparison.subject, comparison.reference]) {
    await load(target.request, { connections: target.connections, duration: SETTINGS.warmup });
  }
  const runs = { subject: [] as number[], reference: [] as number[] };
  for (let i = 0; i < (comparison.runs ?? SETTINGS.runs); i++) {
    runs.subject.push(await measure(comparison.subject, comparison.metric, subjectTally));
    runs.reference.push(await measure(comparison.reference, comparison.metric, referenceTally));
  }
  const failures = subjectTally.failures + referenceTally.failures;
  const perAnswer = (tally: Tally) => (tally.answered ? tally.cpuMs / tally.answered : null);
  const subjectValue = median(runs.subject);
  const referenceValue = median(runs.reference);
  const outcome: Outcome = {
    id: comparison.id,
    pass,
    title: comparison.title,
    metric: comparison.metric,
    subject: 'Tessera',
    reference: comparison.referenceName,
    subjectValue,
    referenceValue,
    ratio: pairedRatio(runs),
    goal: comparison.goal,
    runs,
    cpuMsPerRequest: { subject: perAnswer(subjectTally), reference: perAnswer(referenceTally) },
    note: failures ? `${failures} failed requests` : undefined,
  };
  const cpu = outcome.cpuMsPerRequest
    ? `; server CPU ms/request ${outcome.cpuMsPerRequest.subject?.toFixed(2)} vs ${outcome.cpuMsPerRequest.reference?.toFixed(2)}`
    : '';
  const digits = comparison.metric === 'mean latency ms' ? 3 : 1;
  log(
    `  → ${subjectValue.toFixed(digits)} vs ${referenceValue.toFixed(digits)} ${comparison.metric}: ${outcome.ratio!.toFixed(2)}× (${met(outcome) ? 'met' : 'NOT met'})${cpu}${outcome.note ? `, ${outcome.note}` : ''}`,
  );
  return outcome;
}

/**
 * The median of the per-run ratios: each Tessera run against the reference run right after it, so
 * both sides of a ratio saw the same load on the shared machine (a spike moves one pair, not the verdict).
 */
function pairedRatio(runs: { subject: number[]; reference: number[] }): number {
  return median(runs.subject.map((value, i) => value / runs.reference[i]));
}

function notRun(pass: string, id: string, title: string, metric: string, referenceName: string, goal: Goal, reason: string): Outcome {
  log(`${pass} ${id}: ${title}: not run (${reason})`);
  return {
    id,
    pass,
    title,
    metric,
    subject: 'Tessera',
    reference: referenceName,
    subjectValue: null,
    referenceValue: null,
    ratio: null,
    goal,
    runs: { subject: [], reference: [] },
    note: reason,
  };
}

interface PassOptions {
  name: string;
  databaseUrl: string;
  rooms: number;
  /** Scenarios 2, 7, 8 and 9 (the peer's JWT mode, the million-row ones, logins): the SQLite pass only. */
  full: boolean;
}

interface Capabilities {
  client: OAuthClient | null;
  tokenSpec: RequestSpec | null;
  jwt: string | null;
  rest: boolean;
  odata: boolean;
  login: boolean;
}

async function probe(tessera: ServerProcess, fixture: Fixture): Promise<Capabilities> {
  // /api/apps needs the `account` scope, which personal access tokens never carry:
  // the bench user's console session token (from /consumer/login) registers the application.
  const session = await send(loginRequest(tessera.url));
  const sessionToken = session.ok ? ((await session.json()) as { token?: string }).token : undefined;
  const client = sessionToken ? await registerApp(tessera.url, sessionToken) : null;
  const tokenSpec = client ? tokenRequest(tessera.url, '/oauth2/token', client) : null;
  const jwt = tokenSpec ? await accessToken(tokenSpec) : null;
  const keyHeaders = { authorization: basic('', fixture.apiKey) };
  const rest = (await status({ url: `${tessera.url}/api/database/${DATABASE_ID}/rooms?$top=1`, headers: keyHeaders })) === 200;
  const odata = (await status({ url: `${tessera.url}/odata/${DATABASE_ID}/rooms?$top=1`, headers: keyHeaders })) === 200;
  const login = (await status(loginRequest(tessera.url))) === 200;
  const capabilities = { client, tokenSpec, jwt, rest, odata, login };
  log(`Tessera offers: token endpoint ${Boolean(jwt)}, REST rooms ${rest}, OData rooms ${odata}, /consumer/login ${login}`);
  return capabilities;
}

async function withServer<T>(start: Promise<ServerProcess>, use: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

const peer = (format: 'opaque' | 'jwt', client: OAuthClient) =>
  startServer({
    name: `oidc-provider ${format}`,
    args: tsServer('bench/peer/oidc-provider.ts'),
    readyPath: '/.well-known/openid-configuration',
    env: { PEER_FORMAT: format, PEER_CLIENT_ID: client.clientId, PEER_CLIENT_SECRET: client.clientSecret },
  });

async function tokenScenarios(
  pass: PassOptions,
  tessera: ServerProcess,
  floor: ServerProcess,
  can: Capabilities,
): Promise<{ outcomes: Outcome[]; notes: string[] }> {
  const formats: ('opaque' | 'jwt')[] = pass.full ? ['opaque', 'jwt'] : ['opaque'];
  // Issue 16: ≥ 1.2× opaque and ≥ 3× JWT on SQLite, ≥ 1.0× opaque on MariaDB.
  const goals = { opaque: { kind: 'min', value: pass.full ? 1.2 : 1.0 }, jwt: { kind: 'min', value: 3 } } as const;
  const outcomes: Outcome[] = [];
  const notes: string[] = [];
  for (const format of formats) {
    const id = format === 'opaque' ? '1' : '2';
    const title = `client_credentials token (JWT, no row) vs oidc-provider ${format}`;
    if (!wanted(id)) continue;
    if (!can.tokenSpec || !can.client) {
      outcomes.push(
        notRun(pass.name, id, title, 'requests/s', `oidc-provider ${format}`, goals[format], 'Tessera has no working /oauth2/token yet'),
      );
      continue;
    }
    const client = can.client;
    await withServer(peer(format, client), async (server) => {
      const reference: Target = { server, request: tokenRequest(server.url, '/token', client) };
      const comparison = { id, metric: 'requests/s', goal: goals[format], referenceName: `oidc-provider ${format}`, reference } as const;
      outcomes.push(await compare(pass.name, { ...comparison, title, subject: { server: tessera, request: can.tokenSpec! } }));
      const bound = await compare(pass.name, {
        ...comparison,
        title: `${title}: the node:http token floor in Tessera's place`,
        subject: { server: floor, request: tokenRequest(floor.url, '/oauth2/token', client) },
      });
      notes.push(floorNote(pass.name, bound));
    });
  }
  return { outcomes, notes };
}

/** What the bare node:http token floor (bench/baseline/token-floor.ts) reaches against the same peer. */
function floorNote(pass: string, bound: Outcome): string {
  const cpu = bound.cpuMsPerRequest
    ? `; CPU ${bound.cpuMsPerRequest.subject?.toFixed(2)} vs ${bound.cpuMsPerRequest.reference?.toFixed(2)} ms per token`
    : '';
  return (
    `${pass}, scenario ${bound.id}: the bare node:http token floor (same work: Basic client check, ES256 JWT, no row; no framework) ` +
    `reaches ${bound.subjectValue?.toFixed(0)} vs ${bound.reference} ${bound.referenceValue?.toFixed(0)} requests/s = **${bound.ratio?.toFixed(2)}×** (target for Tessera ${goalText(bound.goal)}${cpu}).`
  );
}

function roomsRequest(server: ServerProcess, query: string, authorization: string, mount = 'api/database'): RequestSpec {
  return { url: `${server.url}/${mount}/${DATABASE_ID}/rooms?${query}`, headers: { authorization } };
}

async function roomScenarios(
  pass: PassOptions,
  tessera: ServerProcess,
  baseline: ServerProcess,
  can: Capabilities,
  fixture: Fixture,
): Promise<Outcome[]> {
  const bearer = can.jwt ? `Bearer ${can.jwt}` : null;
  const key = basic('', fixture.apiKey);
  const plan: { id: string; title: string; goal: Goal; query: string; auth: string | null; why: string }[] = [
    {
      id: '3',
      title: 'Bearer JWT GET of 100 rooms (REST)',
      goal: { kind: 'min', value: 0.85 },
      query: '$top=100',
      auth: bearer,
      why: 'no Tessera JWT',
    },
    {
      id: '4',
      title: 'Bearer JWT GET of 1 room (REST)',
      goal: { kind: 'min', value: 0.5 },
      query: '$top=1',
      auth: bearer,
      why: 'no Tessera JWT',
    },
    { id: '5', title: 'API key (Basic) GET of 100 rooms (REST)', goal: { kind: 'min', value: 0.8 }, query: '$top=100', auth: key, why: '' },
  ];
  const outcomes: Outcome[] = [];
  for (const step of plan.filter((s) => wanted(s.id))) {
    if (!can.rest || !step.auth) {
      outcomes.push(
        notRun(
          pass.name,
          step.id,
          step.title,
          'requests/s',
          'baseline',
          step.goal,
          can.rest ? step.why : 'Tessera has no REST rooms mount yet',
        ),
      );
      continue;
    }
    outcomes.push(
      await compare(pass.name, {
        id: step.id,
        title: step.title,
        metric: 'requests/s',
        goal: step.goal,
        referenceName: 'baseline',
        subject: { server: tessera, request: roomsRequest(tessera, step.query, step.auth) },
        reference: { server: baseline, request: roomsRequest(baseline, step.query, step.auth) },
      }),
    );
  }
  if (wanted('6')) {
    const goal: Goal = { kind: 'min', value: 0.9 };
    const title = 'OData mount vs REST mount, 100 rooms';
    const auth = bearer ?? key;
    outcomes.push(
      can.rest && can.odata
        ? await compare(pass.name, {
            id: '6',
            title,
            metric: 'requests/s',
            goal,
            referenceName: 'Tessera REST',
            subject: { server: tessera, request: roomsRequest(tessera, '$top=100', auth, 'odata') },
            reference: { server: tessera, request: roomsRequest(tessera, '$top=100', auth) },
          })
        : notRun(pass.name, '6', title, 'requests/s', 'Tessera REST', goal, 'Tessera has no REST or OData rooms mount yet'),
    );
  }
  return outcomes;
}

/** Scenario 7: the next link deep in the set costs what the first page costs (keyset paging). */
async function deepLinkScenario(pass: PassOptions, tessera: ServerProcess, can: Capabilities, fixture: Fixture): Promise<Outcome[]> {
  if (!wanted('7')) return [];
  const row = Math.round(pass.rooms * 0.9);
  const title = `next link at row ${row.toLocaleString('en-US')} of ${pass.rooms.toLocaleString('en-US')}, latency`;
  const goal: Goal = { kind: 'max', value: 1.5 };
  if (!can.rest) return [notRun(pass.name, '7', title, 'mean latency ms', 'first page', goal, 'Tessera has no REST rooms mount yet')];
  const authorization = basic('', fixture.apiKey);
  const deep = await send(roomsRequest(tessera, `$skip=${row - 100}&$top=100`, authorization));
  const link = nextLink(deep);
  if (!link) return [notRun(pass.name, '7', title, 'mean latency ms', 'first page', goal, `no next link after $skip=${row - 100}`)];
  const path = new URL(link);
  return [
    await compare(pass.name, {
      id: '7',
      title,
      metric: 'mean latency ms',
      goal,
      referenceName: 'first page',
      subject: {
        server: tessera,
        request: { url: `${tessera.url}${path.pathname}${path.search}`, headers: { authorization } },
        connections: 1,
      },
      reference: { server: tessera, request: roomsRequest(tessera, '$top=100', authorization), connections: 1 },
    }),
  ];
}

/** Scenario 8: a million rooms through next links, page 1000, against the baseline's keyset loop; Tessera's peak RSS. */
async function fullPullScenario(
  pass: PassOptions,
  tessera: ServerProcess,
  baseline: ServerProcess,
  can: Capabilities,
  fixture: Fixture,
): Promise<{ outcomes: Outcome[]; notes: string[] }> {
  if (!wanted('8')) return { outcomes: [], notes: [] };
  const title = `full pull of ${pass.rooms.toLocaleString('en-US')} rooms via next links (page 1000)`;
  const goal: Goal = { kind: 'max', value: 1.5 };
  if (!can.rest)
    return {
      outcomes: [notRun(pass.name, '8', title, 'wall time s', 'baseline keyset loop', goal, 'Tessera has no REST rooms mount yet')],
      notes: [],
    };
  log(`${pass.name} 8: ${title}`);
  // Node's fetch asks for gzip by default, and Tessera compresses resource answers (issue 12) while
  // the baseline does not: the compared pulls ask for none, and one gzip pull is measured after them.
  const headers = { authorization: basic('', fixture.apiKey), 'accept-encoding': 'identity' };
  const first = (server: ServerProcess) => `${server.url}/api/database/${DATABASE_ID}/rooms?$top=${SETTINGS.pageSize}`;
  const startRss = tessera.rssMiB();
  writeFileSync(`/proc/${tessera.child.pid}/clear_refs`, '5');
  const runs = { subject: [] as number[], reference: [] as number[] };
  let rowsSeen = 0;
  for (let i = 0; i < SETTINGS.runs; i++) {
    const pulled = await fullPull(first(tessera), headers);
    rowsSeen = pulled.rows;
    runs.subject.push(pulled.seconds);
    runs.reference.push((await fullPull(first(baseline), headers)).seconds);
    log(
      `  run ${i + 1}: Tessera ${runs.subject[i].toFixed(1)} s (${pulled.rows} rows, ${pulled.pages} pages), baseline ${runs.reference[i].toFixed(1)} s`,
    );
  }
  const peak = tessera.peakRssMiB();
  const subjectValue = median(runs.subject);
  const referenceValue = median(runs.reference);
  const outcome: Outcome = {
    id: '8',
    pass: pass.name,
    title,
    metric: 'wall time s',
    subject: 'Tessera',
    reference: 'baseline keyset loop',
    subjectValue,
    referenceValue,
    ratio: pairedRatio(runs),
    goal,
    runs,
    note: rowsSeen === pass.rooms ? undefined : `pulled ${rowsSeen} rows, expected ${pass.rooms}`,
  };
  const rss = `Peak RSS of Tessera during the full pulls (VmHWM, reset before the first pull, when RSS was ${startRss.toFixed(0)} MB): **${peak.toFixed(0)} MB** (target ≤ 250 MB: ${peak <= 250 ? 'met' : 'NOT met'}).`;
  log(`  → ${subjectValue.toFixed(1)} s vs ${referenceValue.toFixed(1)} s: ${outcome.ratio!.toFixed(2)}×; ${rss}`);
  const gzipStartRss = tessera.rssMiB();
  writeFileSync(`/proc/${tessera.child.pid}/clear_refs`, '5');
  const gzipped = await fullPull(first(tessera), { ...headers, 'accept-encoding': 'gzip' });
  const gzip = `The same pull with \`Accept-Encoding: gzip\` (as Excel and Power BI send it): ${gzipped.seconds.toFixed(1)} s, peak RSS **${tessera.peakRssMiB().toFixed(0)} MB** (VmHWM reset before it, when RSS was ${gzipStartRss.toFixed(0)} MB).`;
  log(`  ${gzip}`);
  return { outcomes: [outcome], notes: [rss, gzip] };
}

/** Scenario 9: token latency (p99) with 20 password logins a second alongside, against none. */
async function loginScenario(pass: PassOptions, tessera: ServerProcess, can: Capabilities): Promise<Outcome[]> {
  if (!wanted('9')) return [];
  const title = `client_credentials p99 with ${SETTINGS.loginsPerSecond} password logins/s`;
  const goal: Goal = { kind: 'max', value: 2 };
  if (!can.tokenSpec)
    return [notRun(pass.name, '9', title, 'p99 latency ms', 'no logins', goal, 'Tessera has no working /oauth2/token yet')];
  if (!can.login) return [notRun(pass.name, '9', title, 'p99 latency ms', 'no logins', goal, 'Tessera has no /consumer/login yet')];
  const logins: LoginCounts = { ok: 0, failed: 0, timesMs: [] };
  const outcome = await compare(pass.name, {
    id: '9',
    title,
    metric: 'p99 latency ms',
    goal,
    referenceName: 'no logins',
    subject: {
      server: tessera,
      request: can.tokenSpec,
      alongside: () => {
        const stream = loginStream(loginRequest(tessera.url), SETTINGS.loginsPerSecond);
        return {
          stop: async () => {
            const counts = await stream.stop();
            logins.ok += counts.ok;
            logins.failed += counts.failed;
            logins.timesMs.push(...counts.timesMs);
          },
        };
      },
    },
    reference: { server: tessera, request: can.tokenSpec },
  });
  const signIns = signInNote(logins);
  log(`  ${signIns}`);
  outcome.note = [outcome.note, signIns].filter(Boolean).join('; ');
  return [outcome];
}

/** What the sign-ins of scenario 9 cost their users: a token's p99 is half of the trade, their wait the other. */
function signInNote(logins: LoginCounts): string {
  const failed = logins.failed ? `, ${logins.failed} of ${logins.ok + logins.failed} failed` : '';
  const ms = (share: number) => percentile(logins.timesMs, share).toFixed(0);
  return `sign-ins answered in ${ms(0.5)} ms (p50), ${ms(0.99)} ms (p99)${failed}`;
}

/** Scenario 14 (issue 16): what each kind of answer costs the shared database, in statements. */
function statementScenarios(tessera: ServerProcess, can: Capabilities, fixture: Fixture): StatementScenario[] {
  let refreshToken: string | null = null;
  const refresh: StatementScenario = {
    title: 'refresh_token grant (rotation)',
    target: '≤ 3',
    next: async () => {
      if (!refreshToken) {
        const login = await send(loginRequest(tessera.url));
        refreshToken = login.ok ? (((await login.json()) as { refresh_token?: string }).refresh_token ?? null) : null;
      }
      if (!refreshToken) return null;
      return {
        method: 'POST',
        url: `${tessera.url}/oauth2/token`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'consumer' }).toString(),
      };
    },
    answered: (body) => (refreshToken = (body as { refresh_token?: string } | null)?.refresh_token ?? null),
  };
  const fixed = (title: string, target: string, spec: RequestSpec | null): StatementScenario => ({ title, target, next: async () => spec });
  const bearer = can.jwt ? `Bearer ${can.jwt}` : null;
  return [
    fixed('client_credentials token', '0 on the request path; batched writes ≤ 1 per 10 tokens', can.tokenSpec),
    fixed('Bearer JWT GET of 1 room', '1 (the page)', bearer ? roomsRequest(tessera, '$top=1', bearer) : null),
    fixed('Bearer JWT GET of 100 rooms', '1 (the page)', bearer ? roomsRequest(tessera, '$top=100', bearer) : null),
    fixed('API key (Basic) GET of 1 room', '1 (the page)', roomsRequest(tessera, '$top=1', basic('', fixture.apiKey))),
    refresh,
  ];
}

async function databasePass(pass: PassOptions): Promise<{ outcomes: Outcome[]; notes: string[] }> {
  log(`${pass.name}: preparing ${pass.databaseUrl} with ${pass.rooms} rooms`);
  const fixture = await prepareDatabase(pass.databaseUrl, pass.rooms);
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`] : [];
  const flags = tesseraNodeFlags();
  const tessera = await startServer({
    name: 'Tessera',
    args: [...flags, ...profile, join(process.env.BENCH_TESSERA_DIST ?? join(ROOT, 'dist'), 'main.js')],
    env: tesseraEnv(pass.databaseUrl),
    readyPath: '/health',
    stopTimeoutMs: profile.length ? 30_000 : 3_000,
  });
  try {
    const can = await probe(tessera, fixture);
    const outcomes: Outcome[] = [];
    const notes: string[] = [];
    await withServer(
      startServer({
        name: 'baseline',
        args: tsServer('bench/baseline/server.ts'),
        readyPath: '/health',
        env: {
          DATABASE_URL: pass.databaseUrl,
          JWKS_URL: can.jwt ? `${tessera.url}/oauth2/jwks` : '',
          TOKEN_ISSUER: tessera.url,
          FLOOR_CLIENT_ID: can.client?.clientId ?? '',
          FLOOR_CLIENT_SECRET: can.client?.clientSecret ?? '',
        },
      }),
      async (baseline) => {
        const tokens = await tokenScenarios(pass, tessera, baseline, can);
        outcomes.push(...tokens.outcomes);
        notes.push(...tokens.notes);
        outcomes.push(...(await roomScenarios(pass, tessera, baseline, can, fixture)));
        if (pass.name === 'MariaDB' && wanted('14'))
          notes.push(...(await statementsPerAnswer(pass.databaseUrl, statementScenarios(tessera, can, fixture), log)));
        if (can.odata) {
          const odata = await odataScenarios({
            pass: pass.name,
            full: pass.full,
            tessera,
            readAuth: can.jwt ? `Bearer ${can.jwt}` : basic('', fixture.apiKey),
            writeAuth: `Bearer ${fixture.personalToken}`,
            wanted,
            log,
            compare: (comparison) => compare(pass.name, comparison),
            notRun: (id, title, metric, referenceName, goal, reason) => notRun(pass.name, id, title, metric, referenceName, goal, reason),
          });
          outcomes.push(...odata.outcomes);
          notes.push(...odata.notes);
        }
        if (!pass.full) return;
        outcomes.push(...(await deepLinkScenario(pass, tessera, can, fixture)));
        const pull = await fullPullScenario(pass, tessera, baseline, can, fixture);
        outcomes.push(...pull.outcomes);
        notes.push(...pull.notes.map((note) => `${pass.name}: ${note}`));
      },
    );
    if (pass.full) outcomes.push(...(await loginScenario(pass, tessera, can)));
    return { outcomes, notes };
  } finally {
    await tessera.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('building Tessera');
    await run('npm', ['run', 'build'], {}, ROOT);
  }
  const passes: PassOptions[] = [];
  if (SETTINGS.sqlite)
    passes.push({ name: 'SQLite', databaseUrl: `sqlite:${join(DATA_DIR, 'bench.sqlite')}`, rooms: SETTINGS.rooms, full: true });
  if (SETTINGS.mariadb) passes.push({ name: 'MariaDB', databaseUrl: SETTINGS.mariadbUrl, rooms: SETTINGS.mariadbRooms, full: false });
  const outcomes: Outcome[] = [];
  const notes: string[] = [];
  for (const pass of passes) {
    const result = await databasePass(pass);
    outcomes.push(...result.outcomes);
    notes.push(...result.notes);
  }
  notes.push(`Whole run: ${((Date.now() - started) / 60_000).toFixed(1)} min (\`npm run bench\`).`);
  writeReport(
    outcomes,
    notes.map((note) => `- ${note}`),
  );
  log(`done in ${((Date.now() - started) / 60_000).toFixed(1)} min; docs/benchmarks.md and docs/benchmarks.svg written`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

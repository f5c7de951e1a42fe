import { get as httpGet } from 'node:http';
import { send } from './lib/clients';
import type { RequestSpec } from './lib/load';
import type { Goal, Outcome } from './lib/report';
import type { ServerProcess } from './lib/processes';
import { DATABASE_ID, FEATURE_RUNS } from './lib/settings';

/** What run.ts lends the OData scenarios: how to compare two targets and how to say one was not run. */
export interface ScenarioContext {
  pass: string;
  full: boolean;
  tessera: ServerProcess;
  /** Bearer JWT or API key header for reads; a personal token (read, write) for the writes of scenario 12. */
  readAuth: string;
  writeAuth: string;
  wanted: (id: string) => boolean;
  compare: (comparison: {
    id: string;
    title: string;
    metric: 'requests/s' | 'mean latency ms';
    goal: Goal;
    referenceName: string;
    subject: { server: ServerProcess; request: RequestSpec; connections?: number };
    reference: { server: ServerProcess; request: RequestSpec; connections?: number };
    runs?: number;
  }) => Promise<Outcome>;
  notRun: (id: string, title: string, metric: string, referenceName: string, goal: Goal, reason: string) => Outcome;
  log: (message: string) => void;
}

const odata = (ctx: ScenarioContext, query: string, headers: Record<string, string> = {}): RequestSpec => ({
  url: `${ctx.tessera.url}/odata/${DATABASE_ID}/rooms?${query}`,
  headers: { authorization: ctx.readAuth, ...headers },
});

/** A three-function $filter of the shape Power Query folds, matching (nearly) every room. */
export const THREE_FUNCTIONS = encodeURIComponent("contains(tolower(name),'o') or year(updated_at) ge 2000 or length(number) gt 3");

/**
 * Issue 12's scenarios: 10 a page of 100 rooms with $expand=occurrences against the same page
 * without; 11 a page with a three-function $filter against the plain page; 12 a delta pull of
 * 1,000 changes among all rooms against a first page (latency; SQLite pass, a million rooms);
 * 13 a gzip page of 1,000 rooms against the uncompressed one (requests/s, and the bytes in a note).
 */
export async function odataScenarios(ctx: ScenarioContext): Promise<{ outcomes: Outcome[]; notes: string[] }> {
  const outcomes: Outcome[] = [];
  const notes: string[] = [];
  const same = (id: string, title: string, goal: Goal, subject: RequestSpec, reference: RequestSpec, referenceName: string) =>
    ctx.compare({
      id,
      title,
      metric: 'requests/s',
      goal,
      referenceName,
      subject: { server: ctx.tessera, request: subject },
      reference: { server: ctx.tessera, request: reference },
      runs: FEATURE_RUNS,
    });
  if (ctx.wanted('10'))
    outcomes.push(
      await same(
        '10',
        'OData 100 rooms with $expand=occurrences vs without',
        { kind: 'min', value: 0.6 },
        odata(ctx, '$top=100&$expand=occurrences'),
        odata(ctx, '$top=100'),
        'without $expand',
      ),
    );
  if (ctx.wanted('11'))
    outcomes.push(
      await same(
        '11',
        'OData 100 rooms with a three-function $filter vs plain',
        { kind: 'min', value: 0.8 },
        odata(ctx, `$top=100&$filter=${THREE_FUNCTIONS}`),
        odata(ctx, '$top=100'),
        'plain page',
      ),
    );
  if (ctx.wanted('12') && ctx.full) outcomes.push(await deltaScenario(ctx));
  if (ctx.wanted('13')) {
    const gzip = { 'accept-encoding': 'gzip' };
    outcomes.push(
      await same(
        '13',
        'OData 1,000 rooms gzip vs uncompressed',
        { kind: 'min', value: 0.5 },
        odata(ctx, '$top=1000', gzip),
        odata(ctx, '$top=1000'),
        'uncompressed',
      ),
    );
    const [plain, packed] = [await bytesOf(odata(ctx, '$top=1000')), await bytesOf(odata(ctx, '$top=1000', gzip))];
    notes.push(
      `${ctx.pass}, scenario 13: a page of 1,000 rooms is ${plain.toLocaleString('en-US')} bytes plain and ${packed.toLocaleString('en-US')} gzip = **${(plain / packed).toFixed(1)}× fewer bytes** (target ≥ 5×: ${plain / packed >= 5 ? 'met' : 'NOT met'}).`,
    );
  }
  return { outcomes, notes };
}

/** 1,000 rooms changed after a delta link was taken; the delta pull of them against a first page of 1,000 rooms. */
async function deltaScenario(ctx: ScenarioContext): Promise<Outcome> {
  const title = 'delta pull of 1,000 changes vs first page of 1,000 rooms, latency';
  const goal: Goal = { kind: 'max', value: 2 };
  const start = await send(odata(ctx, '$top=1', { prefer: 'odata.track-changes' }));
  const link = start.ok ? ((await start.json()) as { '@odata.deltaLink'?: string })['@odata.deltaLink'] : undefined;
  if (!link) return ctx.notRun('12', title, 'mean latency ms', 'first page', goal, 'no delta link');
  const ids = ((await (await send(odata(ctx, '$top=1000&$select=id&$orderby=id desc'))).json()) as { value: { id: number }[] }).value.map(
    (r) => r.id,
  );
  ctx.log(`  changing ${ids.length} rooms for the delta pull`);
  for (const id of ids) {
    const res = await fetch(`${ctx.tessera.url}/odata/${DATABASE_ID}/rooms(${id})`, {
      method: 'PATCH',
      headers: { authorization: ctx.writeAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in review' }),
    });
    if (res.status !== 204) return ctx.notRun('12', title, 'mean latency ms', 'first page', goal, `PATCH answered ${res.status}`);
  }
  const url = new URL(link);
  return ctx.compare({
    id: '12',
    title,
    metric: 'mean latency ms',
    goal,
    referenceName: 'first page',
    subject: {
      server: ctx.tessera,
      request: { url: `${ctx.tessera.url}${url.pathname}${url.search}`, headers: { authorization: ctx.readAuth } },
      connections: 1,
    },
    reference: { server: ctx.tessera, request: odata(ctx, '$top=1000'), connections: 1 },
  });
}

/** The bytes of an answer as sent (fetch would decompress them). */
function bytesOf(spec: RequestSpec): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(spec.url, { headers: spec.headers }, (res) => {
      let length = 0;
      res.on('data', (chunk: Buffer) => (length += chunk.length));
      res.on('end', () => resolve(length));
    }).on('error', reject);
  });
}

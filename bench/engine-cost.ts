import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { DATA_DIR, DATABASE_ID, ROOT, SETTINGS } from './lib/settings';

/**
 * `node -r ts-node/register/transpile-only bench/engine-cost.ts sqlite|mariadb [dist] [query …]`:
 * CPU time per `QueryEngine.page` call of a build (default dist/), in this process and, on
 * MariaDB, in the `mariadbd`/`mysqld` process (read from /proc), for each OData query (default
 * scenario 10's pair: `$top=100` and `$top=100&$expand=occurrences`). No HTTP and no load
 * generator: on a busy shared machine this moves far less than requests/s (docs/benchmarks.md,
 * scenario 10). Uses the bench database as `npm run bench` left it; BENCH_ENGINE_CALLS calls per
 * measurement (default 2,000, 4 in flight), 3 measurements per query, interleaved.
 */
interface EngineModule {
  QueryEngine: new (dataSource: DataSource) => { page(request: unknown): Promise<unknown> };
}

const CALLS = Number(process.env.BENCH_ENGINE_CALLS ?? 2000);
const ROUNDS = 3;

function databaseCpuMs(): number {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!/\((mariadbd|mysqld)\)/.test(stat)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // a process that ended while listed
    }
  }
  return 0;
}

async function main(): Promise<void> {
  const [kind = 'sqlite', distArg, ...queries] = process.argv.slice(2);
  const dist = resolve(distArg ?? join(ROOT, 'dist'));
  const load = <T>(path: string) => require(join(dist, path)) as T; // eslint-disable-line @typescript-eslint/no-require-imports
  const { QueryEngine } = load<EngineModule>('resources/query.engine.js');
  const { parseQueryOptions } = load<{ parseQueryOptions(raw: unknown, set: unknown): unknown }>('resources/odata/query-options.js');
  const { ROOMS } = load<{ ROOMS: unknown }>('resources/sets/rooms.set.js');
  const dataSource = new DataSource(
    kind === 'mariadb'
      ? { type: 'mysql', url: SETTINGS.mariadbUrl, connectorPackage: 'mysql2', extra: { connectionLimit: 4 } }
      : { type: 'better-sqlite3', database: join(DATA_DIR, 'bench.sqlite') },
  );
  await dataSource.initialize();
  const engine = new QueryEngine(dataSource);
  const wanted = queries.length > 0 ? queries : ['$top=100', '$top=100&$expand=occurrences'];
  const requests = wanted.map((query) => ({
    query,
    request: {
      databaseId: DATABASE_ID,
      set: ROOMS,
      options: parseQueryOptions(Object.fromEntries(new URLSearchParams(query)), ROOMS),
      pageSize: 100,
    },
  }));
  const run = async (request: unknown) => {
    for (let i = 0; i < CALLS; i += 4) await Promise.all([1, 2, 3, 4].map(() => engine.page(request)));
  };
  for (const { request } of requests) await run(request);
  const totals = new Map(wanted.map((query) => [query, { node: 0, database: 0 }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { query, request } of requests) {
      const [cpu, database] = [process.cpuUsage(), databaseCpuMs()];
      await run(request);
      const used = process.cpuUsage(cpu);
      const total = totals.get(query)!;
      total.node += (used.user + used.system) / 1000 / CALLS / ROUNDS;
      total.database += kind === 'mariadb' ? (databaseCpuMs() - database) / CALLS / ROUNDS : 0;
    }
  }
  for (const [query, { node, database }] of totals) {
    console.log(
      `${kind} ${query}: ${node.toFixed(3)} ms Node + ${database.toFixed(3)} ms database = ${(node + database).toFixed(3)} ms per page`,
    );
  }
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

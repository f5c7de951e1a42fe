import type { SqlDialect, SqlFragment } from './sql-dialect';

/** Consecutive integers from this many on are read as one range (one index seek) rather than listed. */
const MIN_RUN = 3;

interface Run {
  readonly first: number;
  readonly last: number;
}

/**
 * The condition an expansion query finds its related rows by: `column` equal to one of the
 * page's link values. A page's keys are mostly consecutive ids, and a database seeks an index
 * once per IN value but once per range (MariaDB: 0.45 ms for 101 ids listed, 0.20 ms as one
 * range; SQLite 0.17 vs 0.11 ms), so integer keys that form one run are read as
 * `BETWEEN ? AND ?`, and where the planner merges ranges (`mergesRanges`) runs of `MIN_RUN` or
 * more are too, the rest listed. Either way exactly the rows whose value is one of `keys`.
 * Lists and range counts are padded to powers of two (repeating the last) so few distinct
 * statements are prepared.
 */
export function compileLinkKeys(column: string, keys: readonly unknown[], dialect: SqlDialect): SqlFragment {
  const runs = integerRuns(keys);
  if (!runs) return inList(column, keys);
  if (runs.length === 1 && runs[0].last > runs[0].first) return between(column, [runs[0]]);
  if (!dialect.mergesRanges) return inList(column, keys);
  const ranges = runs.filter((run) => run.last - run.first + 1 >= MIN_RUN);
  if (ranges.length === 0) return inList(column, keys);
  const singles = runs.filter((run) => run.last - run.first + 1 < MIN_RUN).flatMap(({ first, last }) => valuesOf(first, last));
  const parts = singles.length > 0 ? [inList(column, singles), between(column, ranges)] : [between(column, ranges)];
  return { sql: `(${parts.map((part) => part.sql).join(' OR ')})`, params: parts.flatMap((part) => part.params) };
}

/** The keys as runs of consecutive integers, ascending; undefined when any key is not a safe integer. */
function integerRuns(keys: readonly unknown[]): Run[] | undefined {
  if (!keys.every((key) => Number.isSafeInteger(key))) return undefined;
  const sorted = [...new Set(keys as readonly number[])].sort((a, b) => a - b);
  const runs: Run[] = [];
  let first = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1] + 1) continue;
    runs.push({ first, last: sorted[i - 1] });
    first = sorted[i];
  }
  return runs;
}

function inList(column: string, keys: readonly unknown[]): SqlFragment {
  const params = padded(keys, Math.max(8, powerOfTwo(keys.length)));
  return { sql: `${column} IN (${params.map(() => '?').join(', ')})`, params };
}

function between(column: string, runs: readonly Run[]): SqlFragment {
  const all = padded(runs, powerOfTwo(runs.length));
  return { sql: all.map(() => `${column} BETWEEN ? AND ?`).join(' OR '), params: all.flatMap((run) => [run.first, run.last]) };
}

const powerOfTwo = (n: number) => 2 ** Math.ceil(Math.log2(n));

function padded<T>(values: readonly T[], size: number): T[] {
  return [...values, ...Array.from({ length: size - values.length }, () => values[values.length - 1])];
}

const valuesOf = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

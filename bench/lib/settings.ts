import { join } from 'node:path';

/** Where things are and how long each measurement runs (override with BENCH_* variables). */
export const ROOT = join(__dirname, '..', '..');
export const DATA_DIR = join(ROOT, 'bench', '.data');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

export const SETTINGS = {
  /** Seconds per measured run; each server × scenario is measured `runs` times, interleaved. */
  duration: int('BENCH_DURATION', 5),
  warmup: int('BENCH_WARMUP', 2),
  runs: int('BENCH_RUNS', 3),
  connections: int('BENCH_CONNECTIONS', 10),
  /** Rooms in the SQLite bench database (the 1,000,000-row scenarios) and in the MariaDB pass. */
  rooms: int('BENCH_ROOMS', 1_000_000),
  mariadbRooms: int('BENCH_MARIADB_ROOMS', 100_000),
  mariadbUrl: process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/tessera_bench',
  /** Set BENCH_SQLITE=off to skip the first pass (comparisons on MariaDB alone; the report then has no SQLite rows). */
  sqlite: (process.env.BENCH_SQLITE ?? 'on') !== 'off',
  /** Set BENCH_MARIADB=off to skip the second pass. */
  mariadb: (process.env.BENCH_MARIADB ?? 'on') !== 'off',
  pageSize: 1000,
  loginsPerSecond: 20,
};

export const DATABASE_ID = 'bench';
export const BENCH_USER = { username: 'bench', password: 'bench-password-0123456789' };
export const ADMIN = { username: 'admin', password: 'admin-password-0123456789' };

/**
 * Runs per side for a feature's cost (the same server with and without it): its ratio moves by
 * ±10 % from run to run on the shared 2-core machine, with the server's own CPU per answer, so
 * the median takes at least five paired runs (20 s more per scenario than three).
 */
export const FEATURE_RUNS = Math.max(SETTINGS.runs, 5);

import type { DataSource } from 'typeorm';

interface SqliteHandle {
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): void;
}

/**
 * SQLite's lower() and upper() change ASCII letters only; `tolower` / `toupper` must map `Ä` as
 * MySQL's LOWER does under utf8mb4_bin. Each code point is mapped on its own (simple case
 * mapping, as MySQL does): a character whose mapping is longer (`ß` → `SS`) stays as it is.
 */
export function registerSqliteFunctions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const handle = (dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
  handle.function('odata_lower', { deterministic: true }, (value) => mapCase(value, (c) => c.toLowerCase()));
  handle.function('odata_upper', { deterministic: true }, (value) => mapCase(value, (c) => c.toUpperCase()));
}

// eslint-disable-next-line no-control-regex -- the ASCII range, where JS and MySQL case mappings agree one to one
const ASCII = /^[\x00-\x7f]*$/;

function mapCase(value: unknown, map: (char: string) => string): unknown {
  if (typeof value !== 'string') return value;
  if (ASCII.test(value)) return map(value);
  let out = '';
  for (const char of value) {
    const mapped = map(char);
    out += [...mapped].length === 1 ? mapped : char;
  }
  return out;
}

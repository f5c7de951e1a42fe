import type { FieldDefinition } from '../sets/entity-set';

/** A piece of SQL and its parameters, in order. Values never enter the SQL text. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * What differs between SQLite and MySQL/MariaDB. Columns use binary collation on MySQL and
 * SQLite's default BINARY, so `=`, `<` and ORDER BY compare code points on both (DESIGN §10);
 * only the string functions and the date format need dialect SQL.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'mysql';
  quote(identifier: string): string;
  /** The column as the JSON value the API returns (dates as ISO 8601 UTC with milliseconds). */
  output(column: string, field: FieldDefinition): string;
  /** When set, dates are read as stored and turned into that JSON value here instead of in SQL. */
  readonly readDate?: (stored: unknown) => unknown;
  contains(column: string, value: string): SqlFragment;
  startsWith(column: string, value: string): SqlFragment;
  endsWith(column: string, value: string): SqlFragment;
}

const codePoints = (value: string) => [...value].length;

/** `YYYY-MM-DD HH:MM:SS.sss`, the form every writer stores (TypeORM, storageDate). */
const STORED_DATE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/**
 * A SQLite date as `strftime('%Y-%m-%dT%H:%M:%fZ', …)` would give it, without the per-row SQL
 * function call (issue 6): the stored form is rearranged; any other text is parsed as UTC.
 */
export function isoFromSqliteDate(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored ?? null;
  if (STORED_DATE.test(stored)) return `${stored.slice(0, 10)}T${stored.slice(11)}Z`;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(stored) ? stored.replace(' ', 'T') : `${stored.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** SQLite: LIKE ignores ASCII case there, so the string functions use instr/substr (case-sensitive). */
export const SQLITE: SqlDialect = {
  name: 'sqlite',
  quote: (identifier) => `"${identifier}"`,
  output: (column) => column,
  readDate: isoFromSqliteDate,
  contains: (column, value) => ({ sql: `instr(${column}, ?) > 0`, params: [value] }),
  startsWith: (column, value) => ({ sql: `substr(${column}, 1, ?) = ?`, params: [codePoints(value), value] }),
  endsWith: (column, value) =>
    value === '' ? { sql: '1 = 1', params: [] } : { sql: `substr(${column}, ?) = ?`, params: [-codePoints(value), value] },
};

/** `!` escapes LIKE wildcards; with utf8mb4_bin columns LIKE is case-sensitive. */
const likeEscape = (value: string) => value.replace(/[!%_]/g, (char) => `!${char}`);

export const MYSQL: SqlDialect = {
  name: 'mysql',
  quote: (identifier) => `\`${identifier}\``,
  output: (column, field) =>
    field.type === 'datetime' ? `CONCAT(LEFT(DATE_FORMAT(${column}, '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z')` : column,
  contains: (column, value) => ({ sql: `${column} LIKE ? ESCAPE '!'`, params: [`%${likeEscape(value)}%`] }),
  startsWith: (column, value) => ({ sql: `${column} LIKE ? ESCAPE '!'`, params: [`${likeEscape(value)}%`] }),
  endsWith: (column, value) => ({ sql: `${column} LIKE ? ESCAPE '!'`, params: [`%${likeEscape(value)}`] }),
};

/** A literal as the parameter the column stores: dates as `YYYY-MM-DD HH:MM:SS.sss` UTC, booleans as 1/0. */
export function toSqlParam(field: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime') return storageDate(new Date(String(value)));
  if (field.type === 'boolean') return value ? 1 : 0;
  return value;
}

export function storageDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

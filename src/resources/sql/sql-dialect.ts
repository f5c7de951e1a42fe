import type { FieldDefinition } from '../sets/entity-set';

/** A piece of SQL and its parameters, in order. Values never enter the SQL text. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Joins SQL text and fragments in order, their parameters in the same order: sql`LOCATE(${b}, ${a})`. */
export function sql(strings: TemplateStringsArray, ...parts: readonly (SqlFragment | string)[]): SqlFragment {
  let text = strings[0];
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    if (typeof part === 'string') text += part;
    else {
      text += part.sql;
      params.push(...part.params);
    }
    text += strings[i + 1];
  });
  return { sql: text, params };
}

/**
 * What differs between SQLite and MySQL/MariaDB. Columns use binary collation on MySQL and
 * SQLite's default BINARY, so `=`, `<` and ORDER BY compare code points on both;
 * only the string functions and the date format need dialect SQL.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'mysql';
  quote(identifier: string): string;
  /** The column as the JSON value the API returns (dates as ISO 8601 UTC with milliseconds). */
  output(column: string, field: FieldDefinition): string;
  /** When set, dates are read as stored and turned into that JSON value here instead of in SQL. */
  readonly readDate?: (stored: unknown) => unknown;
  /** The string tests against a literal (the common case, written so an index can serve startswith on MySQL). */
  contains(text: SqlFragment, value: string): SqlFragment;
  startsWith(text: SqlFragment, value: string): SqlFragment;
  endsWith(text: SqlFragment, value: string): SqlFragment;
  /** The string tests when the searched-for text is itself an expression. */
  test(name: 'contains' | 'startswith' | 'endswith', text: SqlFragment, part: SqlFragment): SqlFragment;
  /** A canonical function (filter.functions.ts) over its compiled arguments. */
  call(name: string, args: readonly SqlFragment[]): SqlFragment;
  /** `div` of two integers: the quotient truncated toward zero; NULL when dividing by zero. */
  intDivide(left: SqlFragment, right: SqlFragment): SqlFragment;
  /** `divby`: a fractional quotient even of integers. */
  divide(left: SqlFragment, right: SqlFragment): SqlFragment;
  /** TRUE when both are equal or both null, never NULL. */
  nullSafeEqual(left: SqlFragment, right: SqlFragment): SqlFragment;
  /**
   * Whether the planner reads `c IN (…) OR c BETWEEN ? AND ? OR …` on an indexed column as one
   * ordered index range scan (MariaDB's range optimizer does; SQLite searches once per OR term,
   * then sorts: slower than the IN list).
   */
  readonly mergesRanges: boolean;
}

const codePoints = (value: string) => [...value].length;

/** Whether a fragment is a column, qualified or not, as filter.compiler.ts writes one. */
export const isColumn = (fragment: SqlFragment): boolean =>
  fragment.params.length === 0 && /^(?:(?:"[^"]+"|`[^`]+`)\.)?(?:"[^"]+"|`[^`]+`)$/.test(fragment.sql);

/**
 * `tolower` / `toupper` on SQLite: its own lower() / upper() when the text is ASCII, where they
 * map as the Unicode-aware functions do, without a call into JavaScript per row (scenario 11 of
 * the bench); odata_lower / odata_upper otherwise. Only a column is tested so: an expression
 * would be written three times, and nested calls would grow the SQL as 3^depth (R16).
 */
const sqliteCaseMap =
  (native: 'lower' | 'upper') =>
  ([a]: readonly SqlFragment[]): SqlFragment =>
    isColumn(a)
      ? sql`(CASE WHEN length(${a}) = octet_length(${a}) THEN ${native}(${a}) ELSE odata_${native}(${a}) END)`
      : sql`odata_${native}(${a})`;
const param = (value: unknown): SqlFragment => ({ sql: '?', params: [value] });

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

const MIN_DATETIME = '0001-01-01 00:00:00.000';
const MAX_DATETIME = '9999-12-31 23:59:59.999';
const sqliteDatePart = (format: string) => (args: readonly SqlFragment[]) => sql`CAST(strftime('${format}', ${args[0]}) AS INTEGER)`;

/** SQLite: odata_lower / odata_upper are Unicode-aware (sqlite-functions.ts); dates are stored as text. */
const SQLITE_FUNCTIONS: Record<string, (args: readonly SqlFragment[]) => SqlFragment> = {
  tolower: sqliteCaseMap('lower'),
  toupper: sqliteCaseMap('upper'),
  length: ([a]) => sql`length(${a})`,
  trim: ([a]) => sql`trim(${a})`,
  indexof: ([a, b]) => sql`(instr(${a}, ${b}) - 1)`,
  substring: ([a, start, length]) =>
    length ? sql`substr(${a}, max(${start}, 0) + 1, max(${length}, 0))` : sql`substr(${a}, max(${start}, 0) + 1)`,
  concat: ([a, b]) => sql`(${a} || ${b})`,
  year: sqliteDatePart('%Y'),
  month: sqliteDatePart('%m'),
  day: sqliteDatePart('%d'),
  hour: sqliteDatePart('%H'),
  minute: sqliteDatePart('%M'),
  second: sqliteDatePart('%S'),
  fractionalseconds: ([a]) => sql`CAST(substr(strftime('%f', ${a}), 3) AS REAL)`,
  date: ([a]) => sql`date(${a})`,
  time: ([a]) => sql`strftime('%H:%M:%f', ${a})`,
  totaloffsetminutes: ([a]) => sql`(CASE WHEN ${a} IS NULL THEN NULL ELSE 0 END)`,
  now: () => sql`strftime('%Y-%m-%d %H:%M:%f', 'now')`,
  mindatetime: () => sql`'${MIN_DATETIME}'`,
  maxdatetime: () => sql`'${MAX_DATETIME}'`,
  round: ([a]) => sql`round(${a})`,
  floor: ([a]) => sql`floor(${a})`,
  ceiling: ([a]) => sql`ceil(${a})`,
};

/** SQLite: LIKE ignores ASCII case there, so the string functions use instr/substr (case-sensitive). */
export const SQLITE: SqlDialect = {
  name: 'sqlite',
  quote: (identifier) => `"${identifier}"`,
  output: (column) => column,
  readDate: isoFromSqliteDate,
  contains: (text, value) => sql`instr(${text}, ${param(value)}) > 0`,
  startsWith: (text, value) => sql`substr(${text}, 1, ${param(codePoints(value))}) = ${param(value)}`,
  endsWith: (text, value) =>
    value === '' ? { sql: '1 = 1', params: [] } : sql`substr(${text}, ${param(-codePoints(value))}) = ${param(value)}`,
  test: (name, text, part) => {
    if (name === 'contains') return sql`instr(${text}, ${part}) > 0`;
    if (name === 'startswith') return sql`substr(${text}, 1, length(${part})) = ${part}`;
    return sql`(length(${part}) = 0 OR substr(${text}, -length(${part})) = ${part})`;
  },
  call: (name, args) => SQLITE_FUNCTIONS[name](args),
  intDivide: (left, right) => sql`(CAST(${left} AS INTEGER) / CAST(${right} AS INTEGER))`,
  divide: (left, right) => sql`(CAST(${left} AS REAL) / ${right})`,
  nullSafeEqual: (left, right) => sql`(${left} IS ${right})`,
  mergesRanges: false,
};

const mysqlFunction = (name: string) => (args: readonly SqlFragment[]) => sql`${name}(${args[0]})`;

/** MySQL/MariaDB: text columns and the connection are utf8mb4_bin, so LOWER, LOCATE, = are code-point exact. */
const MYSQL_FUNCTIONS: Record<string, (args: readonly SqlFragment[]) => SqlFragment> = {
  tolower: mysqlFunction('LOWER'),
  toupper: mysqlFunction('UPPER'),
  length: mysqlFunction('CHAR_LENGTH'),
  trim: mysqlFunction('TRIM'),
  indexof: ([a, b]) => sql`(LOCATE(${b}, ${a}) - 1)`,
  substring: ([a, start, length]) =>
    length ? sql`SUBSTRING(${a}, GREATEST(${start}, 0) + 1, GREATEST(${length}, 0))` : sql`SUBSTRING(${a}, GREATEST(${start}, 0) + 1)`,
  concat: ([a, b]) => sql`CONCAT(${a}, ${b})`,
  year: mysqlFunction('YEAR'),
  month: mysqlFunction('MONTH'),
  day: mysqlFunction('DAYOFMONTH'),
  hour: mysqlFunction('HOUR'),
  minute: mysqlFunction('MINUTE'),
  second: mysqlFunction('SECOND'),
  fractionalseconds: ([a]) => sql`(MICROSECOND(${a}) / 1000000)`,
  date: mysqlFunction('DATE'),
  time: mysqlFunction('TIME'),
  totaloffsetminutes: ([a]) => sql`(CASE WHEN ${a} IS NULL THEN NULL ELSE 0 END)`,
  now: () => sql`UTC_TIMESTAMP(3)`,
  mindatetime: () => sql`CAST('${MIN_DATETIME}' AS DATETIME(3))`,
  maxdatetime: () => sql`CAST('${MAX_DATETIME}' AS DATETIME(3))`,
  // MariaDB rounds doubles half to even but exact values half away from zero, as OData and SQLite
  // do: the argument is made exact (35 integer digits, 30 decimals; beyond ±1e35 it is clamped) and
  // the result a double again. It is written once: a template repeating it would grow the SQL as
  // 3^depth for round(round(…)) (review R16).
  round: ([a]) => sql`(ROUND(CAST(${a} AS DECIMAL(65,30))) + 0e0)`,
  floor: mysqlFunction('FLOOR'),
  ceiling: mysqlFunction('CEILING'),
};

/** `!` escapes LIKE wildcards; with utf8mb4_bin columns LIKE is case-sensitive. */
const likeEscape = (value: string) => value.replace(/[!%_]/g, (char) => `!${char}`);

export const MYSQL: SqlDialect = {
  name: 'mysql',
  quote: (identifier) => `\`${identifier}\``,
  output: (column, field) => (field.type === 'datetime' ? `CONCAT(LEFT(DATE_FORMAT(${column}, '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z')` : column),
  contains: (text, value) => sql`${text} LIKE ${param(`%${likeEscape(value)}%`)} ESCAPE '!'`,
  startsWith: (text, value) => sql`${text} LIKE ${param(`${likeEscape(value)}%`)} ESCAPE '!'`,
  endsWith: (text, value) => sql`${text} LIKE ${param(`%${likeEscape(value)}`)} ESCAPE '!'`,
  test: (name, text, part) => {
    if (name === 'contains') return sql`LOCATE(${part}, ${text}) > 0`;
    if (name === 'startswith') return sql`LEFT(${text}, CHAR_LENGTH(${part})) = ${part}`;
    return sql`RIGHT(${text}, CHAR_LENGTH(${part})) = ${part}`;
  },
  call: (name, args) => MYSQL_FUNCTIONS[name](args),
  intDivide: (left, right) => sql`(${left} DIV ${right})`,
  divide: (left, right) => sql`(${left} / ${right})`,
  nullSafeEqual: (left, right) => sql`(${left} <=> ${right})`,
  mergesRanges: true,
};

/** A literal as the parameter the column stores: dates as `YYYY-MM-DD HH:MM:SS.sss` UTC, booleans as 1/0. */
export function toSqlParam(field: Pick<FieldDefinition, 'type'>, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime') return storageDate(new Date(String(value)));
  if (field.type === 'boolean') return value ? 1 : 0;
  return value;
}

export function storageDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

import type { FieldDefinition, FieldType } from '../sets/entity-set';
import type { SqlDialect } from './sql-dialect';

/** A row as the driver returns it in array mode: the selected columns' values, in `$select` order. */
export type RawRow = readonly unknown[];

type Encoder = (value: unknown) => string;

/**
 * `JSON.stringify`, not `${value}` or `String(value)`: those go through V8's number-to-string
 * cache, a heap root holding the last ~16,000 number strings. A full pull writes three new numbers
 * per room, so scavenges found the cached strings reachable and promoted them (~250 KB each time,
 * ~48 of the ~58 MB a million-room pull promoted), and the old space grew by ~140 MB of garbage
 * before a full collection (issue 16, docs/benchmarks.md). JSON.stringify writes the digits without
 * the cache, at the same cost, and a non-finite double as `null`, as for the row objects.
 */
const number: Encoder = (value) => {
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(typeof value === 'number' ? value : Number(value));
};
/** Characters JSON must escape (and any surrogate, which JSON.stringify checks for pairing). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Most stored text has nothing to escape: quoting it directly is ~35 % faster than JSON.stringify for a page. */
const text: Encoder = (value) => {
  if (typeof value === 'string') return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
  return JSON.stringify(value ?? null);
};
const boolean: Encoder = (value) => (value === null || value === undefined ? 'null' : value ? 'true' : 'false');

/**
 * Writes a page of rows, read as arrays (better-sqlite3 `raw`, mysql2 `rowsAsArray`), straight
 * into the JSON array text the mounts send: no row objects, no second copy before
 * `JSON.stringify` (issue 6; docs/benchmarks.md). Compiled once per query plan: the property
 * names are declared field names, JSON-escaped here once; each value goes through the encoder
 * of its field's type, so the output is what `JSON.stringify` of the row objects gave.
 */
export class RowsJsonWriter {
  private readonly prefixes: readonly string[];
  private readonly encoders: readonly Encoder[];

  constructor(fields: readonly FieldDefinition[], dialect: SqlDialect) {
    this.prefixes = fields.map((field, i) => `${i === 0 ? '{' : ','}${JSON.stringify(field.name)}:`);
    this.encoders = fields.map((field) => encoderFor(field.type, dialect));
  }

  /** The first `count` rows as a JSON array; `extra` adds properties (expanded navigation) to each row. */
  write(rows: readonly RawRow[], count: number, extra?: (row: RawRow) => string): string {
    const { prefixes, encoders } = this;
    const width = prefixes.length;
    let out = '[';
    for (let r = 0; r < count; r++) {
      const row = rows[r];
      if (r > 0) out += ',';
      if (width === 0) out += '{';
      for (let i = 0; i < width; i++) out += prefixes[i] + encoders[i](row[i]);
      if (extra) out += extra(row);
      out += '}';
    }
    return `${out}]`;
  }
}

function encoderFor(type: FieldType, dialect: SqlDialect): Encoder {
  switch (type) {
    case 'int':
    case 'double':
      return number;
    case 'boolean':
      return boolean;
    case 'datetime': {
      const readDate = dialect.readDate;
      return readDate ? (value) => text(readDate(value) ?? null) : text;
    }
    default:
      return text;
  }
}

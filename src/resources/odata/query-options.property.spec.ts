import fc from 'fast-check';
import { ApiError } from '../../common/errors/api-error';
import { ENTITY_SETS } from '../sets';
import { compileFilter } from '../sql/filter.compiler';
import { MYSQL, SQLITE } from '../sql/sql-dialect';
import { parseFilter } from './filter.parser';
import { parseOrderBy } from './orderby.parser';
import { parseSelect } from './select.parser';

/**
 * Properties of the query-option parsers (issue 7 item 6): on any input they either succeed or
 * throw a 400-class ApiError, and no input text ever reaches the SQL text, only its parameters.
 * The e2e twin (test/security/query-options.property.e2e-spec.ts) checks the same over HTTP.
 */
const ROOMS = ENTITY_SETS.find((set) => set.name === 'rooms')!;
const FIELDS = [...ROOMS.fields.map((f) => f.name), 'nosuchfield'];

/** Lower-case letters after `qz`: no SQL keyword, quote style or declared field contains it. */
const marker = fc.stringMatching(/^[a-z]{10}$/).map((letters) => `qz${letters}`);

function literal(mark: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 12 }).map((s) => `'${mark}${s.replace(/'/g, "''")}'`),
    fc.string({ maxLength: 12, unit: 'binary' }).map((s) => `'${mark}${s}'`),
    fc.integer().map(String),
    fc.double().map(String),
    fc.constantFrom('null', 'true', 'false', '2024-02-30', '2024-01-31T25:00:00Z', '-0', '1e999'),
    fc.constant(mark),
    fc.constant(`'${mark}`),
    fc.constant(`${mark}'`),
  );
}

function filterOf(mark: string): fc.Arbitrary<string> {
  const { expr } = fc.letrec((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .tuple(fc.constantFrom(...FIELDS), fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has', 'like'), literal(mark))
        .map(([f, o, l]) => `${f} ${o} ${l}`),
      fc
        .tuple(fc.constantFrom('contains', 'startswith', 'endswith', 'tolower', 'substringof'), fc.constantFrom(...FIELDS), literal(mark))
        .map(([fn, f, l]) => `${fn}(${f},${l})`),
      fc.tuple(fc.constantFrom(...FIELDS), fc.array(literal(mark), { maxLength: 4 })).map(([f, ls]) => `${f} in (${ls.join(',')})`),
      fc.tuple(tie('expr'), fc.constantFrom('and', 'or', 'AND', ''), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
      tie('expr').map((e) => `not ${e}`),
      tie('expr').map((e) => `(${e}`),
      tie('expr').map((e) => `(${e})`),
      fc.string({ maxLength: 30 }).map((s) => `${mark}${s}`),
      fc.string({ maxLength: 30, unit: 'binary' }),
    ),
  }));
  return expr as fc.Arbitrary<string>;
}

/** Succeeds with a value, or throws a 4xx ApiError (or 501 for an OData feature not implemented); anything else fails the property. */
function outcomeOf<T>(run: () => T): T | null {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status < 400 || (error.status >= 500 && error.status !== 501)) throw error;
    return null;
  }
}

describe('query-option parsers on random input', () => {
  it('parse $filter to parameterized SQL or refuse it with a 400, never with another error', () => {
    fc.assert(
      fc.property(
        marker.chain((mark) => fc.tuple(fc.constant(mark), filterOf(mark))),
        ([mark, text]) => {
          const node = outcomeOf(() => parseFilter(text, ROOMS));
          if (!node) return;
          for (const dialect of [SQLITE, MYSQL]) {
            const compiled = outcomeOf(() => compileFilter(node, dialect));
            if (compiled) expect(compiled.sql.includes(mark)).toBe(false);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('parse $orderby and $select or refuse them with a 400, and never pass an undeclared name on', () => {
    const name = marker.chain((mark) =>
      fc.oneof(fc.constantFrom(...FIELDS), fc.constant(mark), fc.string({ maxLength: 10, unit: 'binary' })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.constantFrom('', ' asc', ' desc', ' DESC', '  asc', ' sideways', '/', ',')), { maxLength: 5 }),
        (parts) => {
          const text = parts.map(([n, dir]) => `${n}${dir}`).join(',');
          const declared = new Set(ROOMS.fields.map((f) => f.name));
          const order = outcomeOf(() => parseOrderBy(text, ROOMS));
          for (const term of order ?? []) expect(declared.has(term.field.name)).toBe(true);
          const select = outcomeOf(() => parseSelect(parts.map(([n]) => n).join(','), ROOMS));
          for (const field of select ?? []) expect(declared.has(field.name)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuse deeply nested $filter input with a 400 instead of overflowing the stack', () => {
    for (const depth of [1000, 10_000, 100_000]) {
      for (const text of [`${'('.repeat(depth)}name eq 'a'${')'.repeat(depth)}`, `${'not '.repeat(depth)}name eq 'a'`]) {
        expect(() => outcomeOf(() => parseFilter(text, ROOMS))).not.toThrow();
      }
    }
  });
});

import { parseFilter } from '../odata/filter.parser';
import { ROOMS } from '../sets/rooms.set';
import { compileFilter } from './filter.compiler';
import { MYSQL, sql, SqlDialect, SQLITE } from './sql-dialect';

const sqlite = (text: string) => compileFilter(parseFilter(text, ROOMS), SQLITE, ROOMS);
const mysql = (text: string) => compileFilter(parseFilter(text, ROOMS), MYSQL, ROOMS);

describe('compileFilter', () => {
  it('keeps literals out of the SQL text', () => {
    const compiled = sqlite("name eq 'x''; DROP TABLE rooms; --'");
    expect(compiled).toEqual({ sql: '"name" = ?', params: ["x'; DROP TABLE rooms; --"] });
  });

  it('gives nullable fields two-valued logic: ne keeps nulls, other comparisons exclude them', () => {
    expect(sqlite("department ne 'IT'")).toEqual({ sql: '("department" IS NULL OR "department" <> ?)', params: ['IT'] });
    expect(sqlite("department eq 'IT'")).toEqual({ sql: '("department" IS NOT NULL AND "department" = ?)', params: ['IT'] });
    expect(sqlite('department eq null').sql).toBe('"department" IS NULL');
    expect(sqlite('department ne null').sql).toBe('"department" IS NOT NULL');
    expect(sqlite('floor gt null').sql).toBe('1 = 0');
    expect(sqlite("not (department eq 'IT')").sql).toBe('NOT (("department" IS NOT NULL AND "department" = ?))');
  });

  it('compiles in (…) with and without null', () => {
    expect(sqlite("status in ('a','b')")).toEqual({ sql: '"status" IN (?, ?)', params: ['a', 'b'] });
    expect(sqlite("department in ('a',null)")).toEqual({ sql: '("department" IS NULL OR "department" IN (?))', params: ['a'] });
  });

  it('uses case-sensitive string functions on each database', () => {
    expect(sqlite("contains(name,'Off')")).toEqual({ sql: 'instr("name", ?) > 0', params: ['Off'] });
    expect(sqlite("startswith(name,'Öf')")).toEqual({ sql: 'substr("name", 1, ?) = ?', params: [2, 'Öf'] });
    expect(sqlite("endswith(name,'ce')")).toEqual({ sql: 'substr("name", ?) = ?', params: [-2, 'ce'] });
    expect(mysql("contains(name,'50%_!')")).toEqual({ sql: "`name` LIKE ? ESCAPE '!'", params: ['%50!%!_!!%'] });
    expect(mysql("startswith(name,'A')").params).toEqual(['A%']);
  });

  it('stores dates as the column does', () => {
    expect(sqlite('updated_at lt 2024-05-01T10:00:00Z').params).toEqual(['2024-05-01 10:00:00.000']);
  });

  it('compiles functions per dialect with their parameters in the order the SQL reads them', () => {
    expect(mysql("indexof(name,'f') eq 1")).toEqual({ sql: '(LOCATE(?, `name`) - 1) = ?', params: ['f', 1] });
    expect(sqlite("indexof(name,'f') eq 1")).toEqual({ sql: '(instr("name", ?) - 1) = ?', params: ['f', 1] });
    expect(sqlite("contains(tolower(department),'it')")).toEqual({
      sql: 'COALESCE(instr((CASE WHEN length("department") = octet_length("department") THEN lower("department") ELSE odata_lower("department") END), ?) > 0, FALSE)',
      params: ['it'],
    });
    expect(sqlite("tolower(trim(department)) eq 'a'").sql).toBe('COALESCE(odata_lower(trim("department")) = ?, FALSE)');
    expect(mysql('round(area) eq 3').sql).toBe('COALESCE((ROUND(CAST(`area` AS DECIMAL(65,30))) + 0e0) = ?, FALSE)');
    expect(sqlite('floor div 2 eq 1').sql).toBe('COALESCE((CAST("floor" AS INTEGER) / CAST(? AS INTEGER)) = ?, FALSE)');
    expect(mysql('year(updated_at) eq 2026')).toEqual({ sql: 'YEAR(`updated_at`) = ?', params: [2026] });
  });

  it('compares two nullable expressions null-safely and keeps every predicate two-valued', () => {
    expect(sqlite('department eq function').sql).toBe('("department" IS "function")');
    expect(mysql('department ne function').sql).toBe('NOT (`department` <=> `function`)');
    expect(sqlite('floor lt area').sql).toBe('("floor" IS NOT NULL AND "area" IS NOT NULL AND "floor" < "area")');
  });

  it('compiles any / all to one correlated EXISTS on the declared join, the outer row named by its table', () => {
    expect(sqlite('occurrences/any(o: o/quantity gt floor)')).toEqual({
      sql: 'EXISTS (SELECT 1 FROM "occurrences" AS "l1" WHERE "l1"."database_id" = "rooms"."database_id" AND "l1"."room_id" = "rooms"."id" AND ("rooms"."floor" IS NOT NULL AND "l1"."quantity" > "rooms"."floor"))',
      params: [],
    });
    expect(mysql('occurrences/all(o: o/quantity gt 5)').sql).toBe(
      'NOT EXISTS (SELECT 1 FROM `occurrences` AS `l1` WHERE `l1`.`database_id` = `rooms`.`database_id` AND `l1`.`room_id` = `rooms`.`id` AND NOT (`l1`.`quantity` > ?))',
    );
  });

  it('flattens a long or chain instead of nesting it', () => {
    const compiled = sqlite(Array.from({ length: 100 }, (_, i) => `id eq ${i}`).join(' or '));
    expect(compiled.sql).toBe(`(${Array.from({ length: 100 }, () => '"id" = ?').join(' OR ')})`);
  });
});

/** Review R16: a function nested in itself must not repeat its argument in the SQL (3^depth on MariaDB's old round). */
describe('compileFilter: SQL grows with the $filter, not exponentially with nesting', () => {
  const nest = (open: string, close: string, inner: string, depth: number) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
  const shapes = [
    ['round(', ')', 'area', 'gt 0'],
    ['floor(', ')', 'area', 'gt 0'],
    ['ceiling(', ')', 'area', 'gt 0'],
    ['-(', ')', 'area', 'gt 0'],
    ['tolower(', ')', 'name', "eq 'a'"],
    ['toupper(', ')', 'name', "eq 'a'"],
    ['trim(', ')', 'name', "eq 'a'"],
    ['concat(', ",'x')", 'name', "eq 'a'"],
    ['substring(', ',1)', 'name', "eq 'a'"],
  ] as const;

  it.each(shapes)(
    '%s…%s nested 12 deep stays under 40 characters of SQL per character of $filter, on both dialects',
    (open, close, inner, test) => {
      const text = `${nest(open, close, inner, 12)} ${test}`;
      for (const compile of [sqlite, mysql]) expect(compile(text).sql.length).toBeLessThan(40 * text.length);
    },
  );

  it('refuses with a 400 naming $filter a filter whose SQL would exceed 64 KB (a template that repeats its argument)', () => {
    const repeating: SqlDialect = {
      ...MYSQL,
      call: (name, args) =>
        name === 'round' ? sql`(CASE WHEN ${args[0]} < 0 THEN ${args[0]} ELSE ${args[0]} END)` : MYSQL.call(name, args),
    };
    const text = nest('round(', ')', 'area', 12) + ' gt 0';
    expect(() => compileFilter(parseFilter(text, ROOMS), repeating, ROOMS)).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining('$filter: the expression is too complex') }),
    );
  });
});

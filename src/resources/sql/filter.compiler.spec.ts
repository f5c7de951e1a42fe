import { parseFilter } from '../odata/filter.parser';
import { ROOMS } from '../sets/rooms.set';
import { compileFilter } from './filter.compiler';
import { MYSQL, SQLITE } from './sql-dialect';

const sqlite = (text: string) => compileFilter(parseFilter(text, ROOMS), SQLITE);
const mysql = (text: string) => compileFilter(parseFilter(text, ROOMS), MYSQL);

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
});

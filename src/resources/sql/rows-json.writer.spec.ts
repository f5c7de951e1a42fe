import fc from 'fast-check';
import { field, idField, updatedAtField } from '../sets/entity-set';
import { ROOMS } from '../sets/rooms.set';
import { RowsJsonWriter } from './rows-json.writer';
import { isoFromSqliteDate, MYSQL, SQLITE } from './sql-dialect';

const flag = field('active', 'boolean', 'A flag', { nullable: true });

describe('RowsJsonWriter', () => {
  it('writes raw rows as the JSON array of row objects, dates as ISO 8601 UTC on SQLite', () => {
    const writer = new RowsJsonWriter(
      [idField('id'), field('name', 'string', 'n'), field('area', 'double', 'a', { nullable: true }), updatedAtField(), flag],
      SQLITE,
    );
    const json = writer.write(
      [
        [7, 'Büro "A"\n\u2028', 12.5, '2024-01-31 10:00:00.120', 1],
        [8, 'x', null, null, 0],
      ],
      2,
    );
    expect(JSON.parse(json)).toEqual([
      { id: 7, name: 'Büro "A"\n\u2028', area: 12.5, updated_at: '2024-01-31T10:00:00.120Z', active: true },
      { id: 8, name: 'x', area: null, updated_at: null, active: false },
    ]);
  });

  it('writes only the first `count` rows and only the declared columns (order fields fetched for the skiptoken stay out)', () => {
    const writer = new RowsJsonWriter([field('name', 'string', 'n')], SQLITE);
    expect(
      writer.write(
        [
          ['a', 1],
          ['b', 2],
          ['c', 3],
        ],
        2,
      ),
    ).toBe('[{"name":"a"},{"name":"b"}]');
    expect(writer.write([], 0)).toBe('[]');
  });

  it('keeps MySQL dates as the SQL already formatted them and turns numeric text into numbers', () => {
    const writer = new RowsJsonWriter([updatedAtField(), field('area', 'double', 'a')], MYSQL);
    expect(writer.write([['2024-01-31T10:00:00.120Z', '12.50']], 1)).toBe('[{"updated_at":"2024-01-31T10:00:00.120Z","area":12.5}]');
  });

  it('writes numbers as JSON.stringify does: non-finite doubles as null, -0 as 0, large values with an exponent', () => {
    const writer = new RowsJsonWriter([field('area', 'double', 'a', { nullable: true })], SQLITE);
    const values = [Infinity, -Infinity, NaN, -0, 1e21, 5e-324, 0.1 + 0.2, 2 ** 53 + 2, -12];
    expect(
      writer.write(
        values.map((value) => [value]),
        values.length,
      ),
    ).toBe(JSON.stringify(values.map((area) => ({ area }))));
  });

  it('gives exactly what JSON.stringify of the row objects gave, for any room values', () => {
    const fields = ROOMS.fields;
    const value = (type: string) => {
      if (type === 'int') return fc.option(fc.integer(), { nil: null });
      if (type === 'double') return fc.option(fc.double(), { nil: null });
      if (type === 'datetime')
        return fc.option(
          fc
            .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
            .map((d) => d.toISOString().replace('T', ' ').replace('Z', '')),
          { nil: null },
        );
      return fc.option(fc.string({ unit: 'binary' }), { nil: null });
    };
    const row = fc.tuple(...fields.map((f) => value(f.type)));
    const writer = new RowsJsonWriter(fields, SQLITE);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), (rows) => {
        const objects = rows.map((values) =>
          Object.fromEntries(fields.map((f, i) => [f.name, f.type === 'datetime' ? isoFromSqliteDate(values[i]) : values[i]])),
        );
        expect(writer.write(rows, rows.length)).toBe(JSON.stringify(objects));
      }),
    );
  });
  it('writes any name as a plain property: __proto__ (an $apply alias may be one) and quotes stay data', () => {
    const names = ['__proto__', 'a"}); process.exit(1); ({"', 'constructor', 'x\u2028y'];
    const writer = new RowsJsonWriter(
      names.map((name) => field(name, 'int', 'n')),
      SQLITE,
    );
    const json = writer.write([[1, 2, 3, 4]], 1);
    expect(json).toBe(`[{${names.map((name, i) => `${JSON.stringify(name)}:${i + 1}`).join(',')}}]`);
    const [object] = writer.objects([[1, 2, 3, 4]], 1);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.keys(object)).toEqual(names);
  });

  it('adds what `extra` gives each row after its columns, and writes one row as an object', () => {
    const writer = new RowsJsonWriter([idField('id')], SQLITE);
    const extra = (row: readonly unknown[], into: Record<string, unknown>) => void (into.children = [{ of: row[0] }]);
    expect(writer.write([[1], [2]], 2, extra)).toBe('[{"id":1,"children":[{"of":1}]},{"id":2,"children":[{"of":2}]}]');
    expect(writer.writeOne([3], extra)).toBe('{"id":3,"children":[{"of":3}]}');
  });
});

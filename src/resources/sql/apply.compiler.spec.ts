import { parseApply } from '../odata/apply.parser';
import { ROOMS } from '../sets/rooms.set';
import { compileApply } from './apply.compiler';
import { MYSQL, SQLITE } from './sql-dialect';

describe('compileApply', () => {
  it('groups and aggregates in one query, literals as parameters, ordered by the grouped fields', () => {
    const plan = parseApply(
      "filter(status eq 'planned')/groupby((department),aggregate(area with sum as total,area with average as mean,$count as n))",
      ROOMS,
    );
    const compiled = compileApply(ROOMS, plan, undefined, SQLITE);
    expect(compiled.select).toEqual({
      sql: 'SELECT "department", SUM("area") AS "total", AVG("area" * 1.0E0) AS "mean", COUNT(*) AS "n" FROM "rooms" WHERE "database_id" = ? AND "status" = ? GROUP BY "rooms"."department"',
      params: ['planned'],
    });
    expect(compiled.orderBy).toBe('"rooms"."department" ASC');
    expect(compiled.fields.map((f) => f.name)).toEqual(['department', 'total', 'mean', 'n']);
  });

  it('orders by aliases and grouped fields as asked, then by the remaining grouped fields', () => {
    const plan = parseApply('groupby((floor,status),aggregate($count as n))', ROOMS);
    expect(compileApply(ROOMS, plan, 'n desc,status', MYSQL).orderBy).toBe('`n` DESC, `rooms`.`status` ASC, `rooms`.`floor` ASC');
    expect(() => compileApply(ROOMS, plan, 'area', MYSQL)).toThrow(
      /"area" is not a property of the \$apply result; it has floor, status, n/,
    );
  });

  it('formats date aggregates as the API writes dates, on MySQL', () => {
    const compiled = compileApply(
      ROOMS,
      parseApply('aggregate(updated_at with max as latest,name with countdistinct as names)', ROOMS),
      undefined,
      MYSQL,
    );
    expect(compiled.select.sql).toBe(
      "SELECT CONCAT(LEFT(DATE_FORMAT(MAX(`updated_at`), '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z') AS `latest`, COUNT(DISTINCT `name`) AS `names` FROM `rooms` WHERE `database_id` = ?",
    );
  });
});

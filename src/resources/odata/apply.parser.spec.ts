import { ROOMS } from '../sets/rooms.set';
import { parseApply } from './apply.parser';

describe('parseApply', () => {
  it('reads filters, then one groupby with aggregates', () => {
    const plan = parseApply(
      "filter(floor ge 0)/filter(status ne 'x')/groupby((department,floor),aggregate(area with sum as total,area with average as mean,$count as n))",
      ROOMS,
    );
    expect(plan.filter?.kind).toBe('and');
    expect(plan.groupBy?.map((f) => f.name)).toEqual(['department', 'floor']);
    expect(plan.aggregates.map((a) => [a.alias, a.method, a.field?.name ?? null, a.type])).toEqual([
      ['total', 'sum', 'area', 'double'],
      ['mean', 'average', 'area', 'double'],
      ['n', 'count', null, 'int'],
    ]);
  });

  it('reads aggregate alone and types min/max/countdistinct by their field', () => {
    const plan = parseApply('aggregate(updated_at with max as latest,floor with min as low,name with countdistinct as names)', ROOMS);
    expect(plan.groupBy).toBeNull();
    expect(plan.aggregates.map((a) => a.type)).toEqual(['datetime', 'int', 'int']);
  });

  it.each([
    ['groupby(department)', 400, /parenthesized list/],
    ['groupby((department),aggregate(area with median as m))', 400, /not an aggregation method/],
    ['aggregate(area with sum as total,floor with sum as total)', 400, /same alias/],
    ['aggregate(area with sum as name)', 400, /already a field of rooms/],
    ['aggregate(area with sum as total,floor with sum as TOTAL)', 400, /same alias/],
    ['groupby((room/number))', 501, /navigation properties/],
    ['aggregate($count as n)/groupby((floor))', 501, /after aggregate/],
    ['frobnicate(1)', 400, /unknown transformation/],
  ])('refuses %j with %d', (text, status, message) => {
    let error: { status: number; message: string } | undefined;
    try {
      parseApply(text, ROOMS);
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error?.status).toBe(status);
    expect(error?.message).toMatch(message);
  });
});

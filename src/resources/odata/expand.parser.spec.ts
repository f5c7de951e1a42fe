import { ROOMS } from '../sets/rooms.set';
import { OCCURRENCES } from '../sets/occurrences.set';
import { ExpandItem, parseExpand, splitTopLevel } from './expand.parser';

const show = (items: readonly ExpandItem[]): string =>
  items
    .map(
      (item) =>
        `${item.navigation.name}[${item.select.map((f) => f.name)}|${item.orderBy.map((o) => o.field.name)}|${item.top ?? ''}|${item.skip}]${item.expand.length ? `{${show(item.expand)}}` : ''}`,
    )
    .join(' ');

describe('parseExpand', () => {
  it('reads navigation properties with nested options, names case-insensitive, two levels deep', () => {
    expect(show(parseExpand('occurrences($select=quantity;$FILTER=quantity gt 1;$orderby=id;$top=5)', ROOMS))).toBe(
      'occurrences[id,quantity|id|5|0]',
    );
    expect(show(parseExpand('room,item($select=code)', OCCURRENCES))).toBe(
      'room[id,number,name,floor,department,function,area,status,updated_at||0|0] item[id,code||0|0]'.replace(/\|0\|0]/g, '||0]'),
    );
    expect(show(parseExpand('occurrences($expand=item($select=code);$skip=1)', ROOMS))).toBe(
      'occurrences[id,room_id,item_id,quantity,note,updated_at|id||1]{item[id,code|||0]}',
    );
  });

  it('keeps the filter of a nested option typed against the target set', () => {
    const [item] = parseExpand("occurrences($filter=note eq 'x' or quantity gt 2)", ROOMS);
    expect(item.filter?.kind).toBe('or');
  });

  it.each([
    ['doors', 400, /"doors" is not a navigation property of rooms; it has occurrences/],
    ['occurrences,occurrences', 400, /expanded more than once/],
    ['occurrences($colour=1)', 400, /is not one of \$select/],
    ['occurrences($top=1;$top=2)', 400, /more than once/],
    ['occurrences($select=quantity', 400, /"\(" is not closed/],
    ['*', 501, /\$expand=\*/],
    ['occurrences/$ref', 501, /\$ref/],
    ['occurrences($count=true)', 501, /\$count inside/],
  ])('refuses %j with %d', (text, status, message) => {
    let error: { status: number; message: string } | undefined;
    try {
      parseExpand(text, ROOMS);
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error?.status).toBe(status);
    expect(error?.message).toMatch(message);
  });

  it('refuses $filter on a single-valued navigation property', () => {
    expect(() => parseExpand('room($filter=floor eq 1)', OCCURRENCES)).toThrow(/\$filter applies to collections; room is a single Room/);
  });
});

describe('splitTopLevel', () => {
  it('splits outside parentheses and strings only', () => {
    expect(splitTopLevel("a($filter=name eq 'x,y';$top=1),b", ',')).toEqual(["a($filter=name eq 'x,y';$top=1)", 'b']);
    expect(splitTopLevel("$filter=name eq 'a;b';$top=1", ';')).toEqual(["$filter=name eq 'a;b'", '$top=1']);
  });
});

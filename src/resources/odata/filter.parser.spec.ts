import { ROOMS } from '../sets/rooms.set';
import type { FilterNode } from './filter.ast';
import { parseFilter } from './filter.parser';
import { QueryOptionError } from './query-option.error';

/** A compact text form of the tree, to compare against. */
function show(node: FilterNode): string {
  switch (node.kind) {
    case 'and': case 'or': return `(${show(node.left)} ${node.kind} ${show(node.right)})`;
    case 'not': return `not ${show(node.operand)}`;
    case 'compare': return `${node.field.name} ${node.op} ${JSON.stringify(node.value)}`;
    case 'in': return `${node.field.name} in ${JSON.stringify(node.values)}`;
    case 'function': return `${node.name}(${node.field.name},${JSON.stringify(node.value)})`;
  }
}
const parse = (text: string) => show(parseFilter(text, ROOMS));

describe('parseFilter', () => {
  it('binds not tighter than and, and tighter than or', () => {
    expect(parse("floor eq 1 or floor eq 2 and not status eq 'planned'")).toBe('(floor eq 1 or (floor eq 2 and not status eq "planned"))');
    expect(parse('(floor eq 1 or floor eq 2) and area gt 10')).toBe('((floor eq 1 or floor eq 2) and area gt 10)');
  });

  it('reads every comparison operator and mirrors a literal on the left', () => {
    for (const op of ['eq', 'ne', 'gt', 'ge', 'lt', 'le']) expect(parse(`floor ${op} 3`)).toBe(`floor ${op} 3`);
    expect(parse('3 lt floor')).toBe('floor gt 3');
  });

  it('reads in (…), string functions, null, booleans, dates', () => {
    expect(parse("status in ('planned','approved')")).toBe('status in ["planned","approved"]');
    expect(parse("department in ('IT', null)")).toBe('department in ["IT",null]');
    expect(parse("contains(name,'Office') and startswith(number,'A.') and endswith(name,'1')")).toBe('((contains(name,"Office") and startswith(number,"A.")) and endswith(name,"1"))');
    expect(parse('department eq null')).toBe('department eq null');
    expect(parse('updated_at ge 2024-01-01')).toBe('updated_at ge "2024-01-01T00:00:00.000Z"');
  });

  it('reads a string function compared with true or false', () => {
    expect(parse("contains(name,'x') eq true")).toBe('contains(name,"x")');
    expect(parse("contains(name,'x') eq false")).toBe('not contains(name,"x")');
    expect(parse("startswith(name,'x') ne true and floor eq 1")).toBe('(not startswith(name,"x") and floor eq 1)');
    expect(() => parseFilter("contains(name,'x') eq 1", ROOMS)).toThrow(/only be compared with true or false/);
  });

  it.each([
    ['', /empty/],
    ['colour eq 1', /unknown field "colour" at position 0; rooms has id, number/],
    ["floor eq 'x'", /"floor" is compared with the string 'x' at position 9; it needs a number/],
    ['name eq 3', /"name" is compared with the number 3 .* needs a string in quotes/],
    ['floor eq', /expression ended where a field or value was expected/],
    ['floor 3', /expected eq, ne, gt, ge, lt, le or in after "floor"/],
    ['(floor eq 1', /expected a "\)" to close the "\(" at position 0/],
    ['floor eq 1 floor', /unexpected "floor" at position 11/],
    ['floor eq area', /one field and one literal/],
    ["contains(floor,'1')", /contains needs a text field; "floor" is int/],
    ['contains(name,1)', /second argument of contains must be a string/],
    ["status in 'a'", /"\(" after in/],
    ['not '.repeat(100) + 'floor eq 1', /nested more than 64 levels/],
  ])('refuses %j with a 400 naming the bad part', (text, message) => {
    let error: unknown;
    try { parseFilter(text, ROOMS); } catch (caught) { error = caught; }
    expect(error).toBeInstanceOf(QueryOptionError);
    expect((error as QueryOptionError).status).toBe(400);
    expect((error as QueryOptionError).options.target).toBe('$filter');
    expect((error as Error).message).toMatch(message);
  });
});

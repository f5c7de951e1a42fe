import { ROOMS } from '../sets/rooms.set';
import type { Node } from './filter.ast';
import { OCCURRENCES } from '../sets/occurrences.set';
import { parseFilter } from './filter.parser';
import { QueryOptionError } from './query-option.error';

/** A compact text form of the tree, to compare against. */
function show(node: Node): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${show(node.left)} ${node.kind} ${show(node.right)})`;
    case 'not':
      return `not ${show(node.operand)}`;
    case 'constant':
      return String(node.value);
    case 'compare':
      return `${show(node.left)} ${node.op} ${show(node.right)}`;
    case 'in':
      return `${show(node.operand)} in ${JSON.stringify(node.values)}`;
    case 'test':
      return `${node.name}(${node.args.map(show).join(',')})`;
    case 'lambda':
      return `${node.navigation.name}/${node.op}(${node.predicate ? show(node.predicate) : ''})`;
    case 'field':
      return node.scope === 0 ? node.field.name : `$${node.scope}/${node.field.name}`;
    case 'literal':
      return JSON.stringify(node.value);
    case 'call':
      return `${node.name}(${node.args.map(show).join(',')}):${node.type}`;
    case 'arithmetic':
      return `(${show(node.left)} ${node.op} ${show(node.right)}):${node.type}`;
    case 'negate':
      return `-${show(node.operand)}`;
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
    expect(parse("contains(name,'Office') and startswith(number,'A.') and endswith(name,'1')")).toBe(
      '((contains(name,"Office") and startswith(number,"A.")) and endswith(name,"1"))',
    );
    expect(parse('department eq null')).toBe('department eq null');
    expect(parse('updated_at ge 2024-01-01')).toBe('updated_at ge "2024-01-01T00:00:00.000Z"');
  });

  it('reads a string function compared with true or false', () => {
    expect(parse("contains(name,'x') eq true")).toBe('contains(name,"x")');
    expect(parse("contains(name,'x') eq false")).toBe('not contains(name,"x")');
    expect(parse("startswith(name,'x') ne true and floor eq 1")).toBe('(not startswith(name,"x") and floor eq 1)');
    expect(() => parseFilter("contains(name,'x') eq 1", ROOMS)).toThrow(/only be compared with true or false/);
  });

  it('reads canonical functions, arithmetic with the ABNF precedence, and unary minus', () => {
    expect(parse("tolower(name) eq 'office'")).toBe('tolower(name):string eq "office"');
    expect(parse("contains(tolower(concat(number,name)),'a')")).toBe('contains(tolower(concat(number,name):string):string,"a")');
    expect(parse('floor add 2 mul 3 gt area sub 1')).toBe('(floor add (2 mul 3):int):int gt (area sub 1):double');
    expect(parse('(floor add 2) mul 3 eq 9')).toBe('((floor add 2):int mul 3):int eq 9');
    expect(parse('floor div 2 eq 1 and area divby 2 gt 1 and floor mod 2 eq 0')).toBe(
      '(((floor div 2):int eq 1 and (area divby 2):double gt 1) and (floor mod 2):int eq 0)',
    );
    expect(parse('-floor eq 2 and floor eq -2')).toBe('(-floor eq 2 and floor eq -2)');
    expect(parse('year(updated_at) eq 2026 and round(area) eq 13')).toBe('(year(updated_at):int eq 2026 and round(area):double eq 13)');
    expect(parse('date(updated_at) eq 2026-05-01 and time(updated_at) lt 08:00')).toBe(
      '(date(updated_at):date eq "2026-05-01" and time(updated_at):time lt "08:00:00.000")',
    );
    expect(parse('updated_at gt mindatetime() and updated_at le now()')).toBe(
      '(updated_at gt mindatetime():datetime and updated_at le now():datetime)',
    );
    expect(parse("substring(number,1) eq 'x' and substring(number,0,1) eq 'A' and indexof(name,'f') ge 0")).toBe(
      '((substring(number,1):string eq "x" and substring(number,0,1):string eq "A") and indexof(name,"f"):int ge 0)',
    );
  });

  it('compares two expressions: field with field, function with function', () => {
    expect(parse('floor lt area')).toBe('floor lt area');
    expect(parse('length(name) gt length(number)')).toBe('length(name):int gt length(number):int');
  });

  it('compares date-time literals finer than milliseconds exactly', () => {
    expect(parse('updated_at ge 2026-12-03T11:16:41.7399Z')).toBe('updated_at gt "2026-12-03T11:16:41.739Z"');
    expect(parse('updated_at lt 2026-12-03T11:16:41.7399Z')).toBe('updated_at le "2026-12-03T11:16:41.739Z"');
    expect(parse('updated_at eq 2026-12-03T11:16:41.7399Z')).toBe('false');
    expect(parse('updated_at ne 2026-12-03T11:16:41.7399Z')).toBe('true');
    expect(parse('updated_at ge 2026-12-03T11:16:41.739000Z')).toBe('updated_at ge "2026-12-03T11:16:41.739Z"');
  });

  it('reads any / all over a collection navigation property, with the outer entity in scope', () => {
    expect(parse('occurrences/any(o: o/quantity gt 5)')).toBe('occurrences/any($1/quantity gt 5)');
    expect(parse('occurrences/all(x:x/quantity gt floor)')).toBe('occurrences/all($1/quantity gt floor)');
    expect(parse('occurrences/any()')).toBe('occurrences/any()');
  });

  it('parses a 100-term or chain of the shape Power Query emits: the nesting limit counts parentheses, not terms', () => {
    const chain = Array.from({ length: 100 }, (_, i) => `(number eq 'A.${String(i).padStart(3, '0')}')`).join(' or ');
    expect(() => parseFilter(chain, ROOMS)).not.toThrow();
    const flat = Array.from({ length: 100 }, (_, i) => `id eq ${i}`).join(' or ');
    expect(() => parseFilter(flat, ROOMS)).not.toThrow();
  });

  it('answers 501 for OData features Tessera does not implement', () => {
    for (const text of ["name has 'x'", "matchesPattern(name,'^A')", "cast(floor,'Edm.String') eq '1'", 'room/floor eq 1']) {
      let error: unknown;
      try {
        parseFilter(text, text.startsWith('room') ? OCCURRENCES : ROOMS);
      } catch (caught) {
        error = caught;
      }
      expect((error as { status: number }).status).toBe(501);
    }
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
    ['name eq floor', /different types \(string and int\)/],
    ['tolower(floor) eq 1', /tolower needs a text field; "floor" is int/],
    ["substring(name) eq 'a'", /substring takes 2 or 3 argument/],
    ["frobnicate(name) eq 'a'", /unknown function "frobnicate"/],
    ['floor add name gt 1', /add needs numbers on both sides/],
    ['floor', /expected eq, ne, gt, ge, lt, le or in after "floor"/],
    ['occurrences/any(x: x/colour eq 1)', /unknown field "colour" .* occurrences has/],
    ['occurrences/some(x: x/id eq 1)', /expected any or all after occurrences\//],
    ["contains(floor,'1')", /contains needs a text field; "floor" is int/],
    ['contains(name,1)', /second argument of contains must be a string/],
    ["status in 'a'", /"\(" after in/],
    ['not '.repeat(100) + 'floor eq 1', /nested more than 64 levels/],
  ])('refuses %j with a 400 naming the bad part', (text, message) => {
    let error: unknown;
    try {
      parseFilter(text, ROOMS);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueryOptionError);
    expect((error as QueryOptionError).status).toBe(400);
    expect((error as QueryOptionError).options.target).toBe('$filter');
    expect((error as Error).message).toMatch(message);
  });
});

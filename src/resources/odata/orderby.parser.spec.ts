import { ROOMS } from '../sets/rooms.set';
import { parseOrderBy } from './orderby.parser';

const show = (text: string | undefined) => parseOrderBy(text, ROOMS).map((t) => `${t.field.name} ${t.descending ? 'desc' : 'asc'}`);

describe('parseOrderBy', () => {
  it('orders by the key alone by default', () => {
    expect(show(undefined)).toEqual(['id asc']);
  });

  it('reads several fields with asc/desc and appends the key as tie-breaker', () => {
    expect(show('floor desc, name')).toEqual(['floor desc', 'name asc', 'id asc']);
    expect(show('id desc')).toEqual(['id desc']);
  });

  it.each([
    ['colour', /unknown field "colour"; rooms can be sorted by id, number/],
    ['name sideways', /"name sideways" is not a field optionally followed by asc or desc/],
    ['name,name desc', /"name" appears more than once/],
    ['', /"" is not a field/],
  ])('refuses %j', (text, message) => {
    expect(() => parseOrderBy(text, ROOMS)).toThrow(message);
  });
});

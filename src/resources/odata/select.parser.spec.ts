import { ROOMS } from '../sets/rooms.set';
import { parseSelect } from './select.parser';

const names = (text: string | undefined) => parseSelect(text, ROOMS).map((f) => f.name);

describe('parseSelect', () => {
  it('returns every field when absent or *', () => {
    expect(names(undefined)).toHaveLength(ROOMS.fields.length);
    expect(names('*')).toHaveLength(ROOMS.fields.length);
  });

  it('always includes the key, in declaration order, without duplicates', () => {
    expect(names('name, number,name')).toEqual(['id', 'number', 'name']);
  });

  it('refuses unknown fields and junk', () => {
    expect(() => parseSelect('colour', ROOMS)).toThrow(/\$select: unknown field "colour"/);
    expect(() => parseSelect('name;drop', ROOMS)).toThrow(/"name;drop" is not a field name/);
  });
});

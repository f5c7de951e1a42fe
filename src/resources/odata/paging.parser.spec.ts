import { parseCount, parseNonNegativeInteger } from './paging.parser';

describe('parseNonNegativeInteger', () => {
  it('reads whole numbers, including 0', () => {
    expect(parseNonNegativeInteger('$top', '0')).toBe(0);
    expect(parseNonNegativeInteger('$skip', '25')).toBe(25);
    expect(parseNonNegativeInteger('$top', undefined)).toBeUndefined();
  });

  it.each(['-1', '1.5', 'ten', '', '1e3', '99999999999'])('refuses %j naming the option', (text) => {
    expect(() => parseNonNegativeInteger('$top', text)).toThrow(/^\$top: /);
  });
});

describe('parseCount', () => {
  it('reads true and false', () => {
    expect(parseCount('true')).toBe(true);
    expect(parseCount('false')).toBe(false);
    expect(parseCount(undefined)).toBe(false);
  });

  it('refuses anything else', () => {
    expect(() => parseCount('yes')).toThrow(/\$count: "yes" must be true or false/);
  });
});

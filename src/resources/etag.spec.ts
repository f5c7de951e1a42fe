import { entityTag, matchesIfNoneMatch, parseIfMatch } from './etag';

describe('ETags', () => {
  it('read If-Match as a version, * or a tag that never matches', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBe('*');
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch('"12"')).toBe(12);
    expect(parseIfMatch('"abc"')).toBe(-1);
  });

  it('compare If-None-Match weakly, in a list or as *', () => {
    expect(matchesIfNoneMatch('W/"3"', entityTag(3))).toBe(true);
    expect(matchesIfNoneMatch('"1", "3"', entityTag(3))).toBe(true);
    expect(matchesIfNoneMatch('*', entityTag(3))).toBe(true);
    expect(matchesIfNoneMatch('W/"4"', entityTag(3))).toBe(false);
    expect(matchesIfNoneMatch(undefined, entityTag(3))).toBe(false);
  });
});

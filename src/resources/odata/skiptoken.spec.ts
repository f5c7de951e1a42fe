import { ROOMS } from '../sets/rooms.set';
import { parseOrderBy } from './orderby.parser';
import { decodeSkipToken, encodeSkipToken } from './skiptoken';

describe('skiptoken', () => {
  const order = parseOrderBy('department desc,area', ROOMS);

  it('round-trips the last row values, nulls included', () => {
    const token = encodeSkipToken([null, 12.5, 42]);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSkipToken(token, order)).toEqual([null, 12.5, 42]);
  });

  it('refuses a token of another $orderby, a wrong type, or garbage', () => {
    expect(() => decodeSkipToken(encodeSkipToken([42]), order)).toThrow(/does not belong to this \$orderby/);
    expect(() => decodeSkipToken(encodeSkipToken(['IT', 'big', 42]), order)).toThrow(/value for "area" is not valid/);
    expect(() => decodeSkipToken(encodeSkipToken(['IT', 1, null]), order)).toThrow(/value for "id" is not valid/);
    expect(() => decodeSkipToken('not a token!', order)).toThrow(/malformed/);
    expect(() => decodeSkipToken(Buffer.from('{').toString('base64url'), order)).toThrow(/malformed/);
  });
});

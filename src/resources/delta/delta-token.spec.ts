import { decodeDeltaCursor, decodeDeltaToken, encodeDeltaCursor, encodeDeltaToken } from './delta-token';

describe('delta tokens', () => {
  it('round-trip a token (seconds precision) and a cursor', () => {
    expect(decodeDeltaToken(encodeDeltaToken({ after: 42, issuedAt: 1_700_000_000_123 }))).toEqual({
      after: 42,
      issuedAt: 1_700_000_000_000,
    });
    expect(decodeDeltaCursor(encodeDeltaCursor({ upTo: 9, change: 7, id: 3 }))).toEqual({ upTo: 9, change: 7, id: 3 });
    expect(decodeDeltaCursor(undefined)).toBeUndefined();
  });

  it.each([
    'garbage!',
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('[-1,5]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
  ])('refuses %j with a 400', (text) => {
    expect(() => decodeDeltaToken(text)).toThrow(/\$deltatoken: the token is malformed/);
  });

  it('refuses a keyset token where a delta cursor belongs', () => {
    expect(() => decodeDeltaCursor(Buffer.from('[5]').toString('base64url'))).toThrow(/\$skiptoken/);
  });
});

import { basicCredentialsOf, clientCredentialsOf, decodeBasicCredentials } from './basic-credentials';

const encode = (raw: string) => Buffer.from(raw).toString('base64');

describe('decodeBasicCredentials', () => {
  it('ends the user-id at the first colon (RFC 7617 §2)', () => {
    expect(decodeBasicCredentials(encode('carol:pa:ss:word'))).toEqual({ userId: 'carol', password: 'pa:ss:word' });
    expect(decodeBasicCredentials(encode(':tsk_key'))).toEqual({ userId: '', password: 'tsk_key' });
    expect(decodeBasicCredentials(encode('tsk_key:'))).toEqual({ userId: 'tsk_key', password: '' });
  });

  it('gives nothing without a colon', () => {
    expect(decodeBasicCredentials(encode('no-colon'))).toBeNull();
  });

  it('keeps percent signs and plus signs as sent: RFC 7617 does not form-encode', () => {
    expect(decodeBasicCredentials(encode('a%20b:c+d'))).toEqual({ userId: 'a%20b', password: 'c+d' });
  });
});

describe('basicCredentialsOf', () => {
  it('reads the Basic scheme in any case and nothing else', () => {
    expect(basicCredentialsOf(`bAsIc ${encode('u:p')}`)).toEqual({ userId: 'u', password: 'p' });
    expect(basicCredentialsOf(`Bearer ${encode('u:p')}`)).toBeNull();
    expect(basicCredentialsOf(undefined)).toBeNull();
  });
});

describe('clientCredentialsOf', () => {
  it('form-decodes the client id and secret (RFC 6749 §2.3.1), keeping a malformed escape as sent', () => {
    expect(clientCredentialsOf(`Basic ${encode('my%20app:s%3Acret+1')}`)).toEqual({ userId: 'my app', password: 's:cret 1' });
    expect(clientCredentialsOf(`Basic ${encode('%E0%A4%A:x')}`)).toEqual({ userId: '%E0%A4%A', password: 'x' });
  });
});

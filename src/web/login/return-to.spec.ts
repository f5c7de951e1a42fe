import { safeReturnPath } from './return-to';

describe(safeReturnPath.name, () => {
  it.each([
    [
      '/oauth2/authorize?client_id=a&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=x',
      '/oauth2/authorize?client_id=a&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=x',
    ],
    ['/admin/users', '/admin/users'],
    ['/account', '/account'],
    ['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
    ['/admin/./users/../roles?x=1', '/admin/roles?x=1'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/\tevil',
    '/\r\nSet-Cookie:x',
    'evil.example',
    '',
    '/login?return_to=/x',
    '/logout',
    undefined,
    42,
    ['/account'],
    '/.//evil.example',
    '/%2e%2e//evil.example',
    '/account/..//evil.example',
    '/a/b/../..//evil.example',
    '/x/../login',
    '/%2E/logout',
  ])('refuses %p and answers /account', (input) => {
    expect(safeReturnPath(input)).toBe('/account');
  });
});

import { redirectUriProblem } from './redirect-uri.policy';

const strict = { allowHttp: false };

describe('redirectUriProblem', () => {
  it.each([
    'https://app.example.com/cb',
    'https://app.example.com/cb?foo=bar',
    'http://127.0.0.1:8080/cb',
    'http://[::1]/cb',
    'http://localhost:5173/cb',
    'com.example.app:/oauth2redirect',
    'com.example.app://callback',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri, strict)).toBeNull();
  });

  it.each([
    ['javascript:alert(1)', /javascript: scheme/],
    ['JavaScript://x.example/%0Aalert(1)', /javascript: scheme/],
    ['data:text/html,x', /data: scheme/],
    ['vbscript:msgbox(1)', /vbscript: scheme/],
    ['file:///etc/passwd', /file: scheme/],
    ['https://*.example.com/cb', /wildcard/],
    ['https://app.example.com/cb#x', /fragment/],
    ['http://evil.example/cb', /plain http/],
    ['http://127.0.0.1.evil.example/cb', /plain http/],
    ['myapp://callback', /without a dot/],
    ['/relative/cb', /not an absolute URI/],
    ['https://app.example.com/c b', /white space/],
  ])('refuses %s', (uri, reason) => {
    expect(redirectUriProblem(uri, strict)).toMatch(reason);
  });

  it('accepts plain http on any host only when the deployment allows it, and still no script scheme', () => {
    expect(redirectUriProblem('http://tempuri.org/callback?foo=bar', { allowHttp: true })).toBeNull();
    expect(redirectUriProblem('javascript:alert(1)', { allowHttp: true })).toMatch(/javascript/);
  });
});

import { ConfigError } from './config.error';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.issuer).toBe('http://127.0.0.1:3000');
    expect(config.database).toEqual({ type: 'sqlite', path: './data/tessera.sqlite' });
    expect(config.seedDemo).toBe(true);
    expect(config.paging).toEqual({ defaultSize: 1000, maxSize: 1000 });
    expect(config.rateLimits.enabled).toBe(true);
  });

  it('selects MySQL from DATABASE_URL and turns demo data off by default there', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' });
    expect(config.database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/test' });
    expect(config.seedDemo).toBe(false);
  });

  it('accepts mariadb:// as MySQL', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://u:p@h/db' }).database).toEqual({ type: 'mysql', url: 'mysql://u:p@h/db' });
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer number \(got "abc"\)/],
    ['PORT', '70000', /PORT must not be greater than 65535 \(got "70000"\)/],
    ['DATABASE_URL', 'postgres://x', /DATABASE_URL must be mysql:\/\/.*\(got "postgres:\/\/x"\)/],
    ['SEED_DEMO', 'maybe', /SEED_DEMO must be true or false \(got "maybe"\)/],
    ['RATE_LIMITS', 'sometimes', /RATE_LIMITS must be on or off/],
    ['ADMIN_PASSWORD', 'short', /ADMIN_PASSWORD must be at least 12 characters/],
    ['ISSUER', 'not a url', /ISSUER must be an absolute http\(s\) URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it.each([
    ['TESSERA_SECRET', 'short', 'TESSERA_SECRET must be at least 16 characters (got a value of 5 characters)'],
    ['ADMIN_PASSWORD', 'hunter2', 'ADMIN_PASSWORD must be at least 12 characters (got a value of 7 characters)'],
    ['DATABASE_URL', 'pg://u:pass-word@h/db', '(got "pg://u:***@h/db")'],
    ['REDIS_URL', 'http://:redis-pass@h', '(got "http://:***@h")'],
  ])('never echoes the secret in %s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
    expect(() => loadConfig({ [name]: value })).not.toThrow(value.includes('pass') ? /pass-word|redis-pass/ : value);
  });

  it('names only the first rule a value breaks: "abc" is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('Invalid configuration:\n  - PORT must be an integer number (got "abc")');
  });

  it('waits 30 s for an unreachable database unless DATABASE_WAIT_SECONDS says otherwise', () => {
    expect(loadConfig({}).databaseWaitSeconds).toBe(30);
    expect(loadConfig({ DATABASE_WAIT_SECONDS: '5' }).databaseWaitSeconds).toBe(5);
  });

  it('refuses a default page size above the maximum', () => {
    expect(() => loadConfig({ PAGE_SIZE_DEFAULT: '500', PAGE_SIZE_MAX: '100' })).toThrow(
      /PAGE_SIZE_DEFAULT \(500\) must not exceed PAGE_SIZE_MAX \(100\)/,
    );
  });

  it('reads booleans written as on/off, 1/0 and true/false', () => {
    expect(loadConfig({ SEED_DEMO: 'off' }).seedDemo).toBe(false);
    expect(loadConfig({ ALLOW_BASIC_PASSWORD: '1' }).allowBasicPassword).toBe(true);
    expect(loadConfig({ OAUTH_ALLOW_QUERY_CREDENTIALS: 'true' }).oauth.allowQueryCredentials).toBe(true);
  });

  it('strips a trailing slash from the issuer', () => {
    expect(loadConfig({ ISSUER: 'https://auth.example.com/' }).issuer).toBe('https://auth.example.com');
  });
});

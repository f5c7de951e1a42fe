import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigError } from './config.error';
import { Environment } from './environment';
import { shownValue } from './shown-value';
import { DatabaseConfig, TesseraConfig } from './tessera-config';

export type EnvSource = Record<string, string | undefined>;

/** Validates the environment and turns it into a typed, frozen configuration. */
export function loadConfig(source: EnvSource = process.env): TesseraConfig {
  const env = validateEnvironment(source);
  const port = env.PORT ?? 3000;
  const host = env.HOST ?? '127.0.0.1';
  const database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/tessera.sqlite');
  const paging = { defaultSize: env.PAGE_SIZE_DEFAULT ?? 1000, maxSize: env.PAGE_SIZE_MAX ?? 1000 };
  if (paging.defaultSize > paging.maxSize) {
    throw new ConfigError([`PAGE_SIZE_DEFAULT (${paging.defaultSize}) must not exceed PAGE_SIZE_MAX (${paging.maxSize})`]);
  }
  return Object.freeze({
    port,
    host,
    issuer: (env.ISSUER ?? defaultIssuer(host, port)).replace(/\/+$/, ''),
    database,
    databaseWaitSeconds: env.DATABASE_WAIT_SECONDS ?? 30,
    redisUrl: env.REDIS_URL ?? null,
    secret: env.TESSERA_SECRET ?? null,
    admin: { username: env.ADMIN_USERNAME ?? 'admin', password: env.ADMIN_PASSWORD ?? null },
    seedDemo: env.SEED_DEMO ?? database.type === 'sqlite',
    tokens: {
      accessTokenTtl: env.ACCESS_TOKEN_TTL ?? 3600,
      refreshTokenIdleTtl: env.REFRESH_TOKEN_IDLE_TTL ?? 14 * 86400,
      refreshTokenAbsoluteTtl: env.REFRESH_TOKEN_ABSOLUTE_TTL ?? 90 * 86400,
      authorizationCodeTtl: env.AUTHORIZATION_CODE_TTL ?? 600,
      sessionTtl: env.SESSION_TTL ?? 8 * 3600,
      sessionAbsoluteTtl: env.SESSION_ABSOLUTE_TTL ?? 12 * 3600,
      revocationFeedStaleSeconds: env.REVOCATION_FEED_STALE_SECONDS ?? 5,
    },
    auditStream: env.AUDIT_STREAM ?? './data/audit.jsonl',
    registration: env.REGISTRATION ?? 'closed',
    paging,
    delta: { retentionDays: env.DELTA_RETENTION_DAYS ?? 30 },
    rateLimits: {
      enabled: (env.RATE_LIMITS ?? 'on') === 'on',
      tokenPerMinute: env.RATE_LIMIT_TOKEN_PER_MINUTE ?? 300,
      loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE ?? 20,
      apiPerMinute: env.RATE_LIMIT_API_PER_MINUTE ?? 6000,
      lockoutThreshold: env.LOGIN_LOCKOUT_THRESHOLD ?? 5,
      lockoutSeconds: env.LOGIN_LOCKOUT_SECONDS ?? 900,
    },
    oauth: {
      allowQueryCredentials: env.OAUTH_ALLOW_QUERY_CREDENTIALS ?? false,
      publicClientRefreshTokens: env.PUBLIC_CLIENT_REFRESH_TOKENS ?? false,
      allowHttpRedirectUris: env.ALLOW_HTTP_REDIRECT_URIS ?? false,
    },
    allowBasicPassword: env.ALLOW_BASIC_PASSWORD ?? false,
    appsRequireFullAccess: env.APPS_REQUIRE_FULL_ACCESS ?? false,
    trustProxy: env.TRUST_PROXY ?? false,
    bodyLimit: env.BODY_LIMIT ?? 1048576,
    logLevel: env.LOG_LEVEL ?? 'info',
  });
}

function validateEnvironment(source: EnvSource): Environment {
  const known = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(Environment, known);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${realReason(e.constraints ?? {})} (got ${shownValue(e.property, source[e.property])})`));
  }
  return env;
}

/** Rules about what a value is come before rules about its range: "abc" is not a number, and that is all. */
const KIND_RULES = ['isInt', 'isString', 'isIn', 'matches'];

function realReason(constraints: Record<string, string>): string {
  const rule = KIND_RULES.find((name) => name in constraints) ?? Object.keys(constraints)[0];
  return constraints[rule];
}

function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  }
  if (url === ':memory:') return { type: 'sqlite', path: ':memory:' };
  return { type: 'sqlite', path: url.replace(/^(sqlite|file):(\/\/)?/, '') };
}

function defaultIssuer(host: string, port: number): string {
  const publicHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${publicHost}:${port}`;
}

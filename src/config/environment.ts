import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  '1': true,
  on: true,
  yes: true,
  false: false,
  '0': false,
  off: false,
  no: false,
};

/** Turns "true"/"false"/"on"/"off"/"1"/"0" into a boolean; leaves anything else for the validator to refuse. */
const toBoolean = () =>
  Transform(({ value }) => {
    if (value === undefined || typeof value === 'boolean') return value;
    const word = BOOLEAN_WORDS[String(value).trim().toLowerCase()];
    return word === undefined ? value : word;
  });

const toInt = () =>
  Transform(({ value }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value));

const BOOL_MESSAGE = { message: '$property must be true or false' };
const isBoolean = () => IsIn([true, false], BOOL_MESSAGE);

/**
 * Every environment variable Tessera reads (README.md, "Configuration"). Validated once at start;
 * a bad value stops the start with a message naming the variable.
 */
export class Environment {
  @IsOptional()
  @toInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'ISSUER must be an absolute http(s) URL without a trailing query' })
  ISSUER?: string;

  @IsOptional()
  @Matches(/^(sqlite:|file:|mysql:\/\/|mariadb:\/\/|:memory:$)/, {
    message: 'DATABASE_URL must be mysql://user:pass@host:3306/db, mariadb://…, sqlite:<path> or file:<path>',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be redis://host:port or rediss://…' })
  REDIS_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'TESSERA_SECRET must be at least 16 characters' })
  TESSERA_SECRET?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{1,128}$/, { message: 'ADMIN_USERNAME must be 1–128 letters, digits or . _ @ -' })
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @toBoolean()
  @isBoolean()
  SEED_DEMO?: boolean;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(30)
  @Max(86400)
  ACCESS_TOKEN_TTL?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_IDLE_TTL?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_ABSOLUTE_TTL?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(10)
  @Max(600)
  AUTHORIZATION_CODE_TTL?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(60)
  SESSION_TTL?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(60)
  SESSION_ABSOLUTE_TTL?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(300)
  REVOCATION_FEED_STALE_SECONDS?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_STREAM?: string;

  @IsOptional()
  @IsIn(['open', 'closed'], { message: 'REGISTRATION must be open or closed' })
  REGISTRATION?: 'open' | 'closed';

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  PAGE_SIZE_DEFAULT?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  PAGE_SIZE_MAX?: number;

  /** How long deletions are remembered for delta links (resources); an older delta link answers 410. */
  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(3650)
  DELTA_RETENTION_DAYS?: number;

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'RATE_LIMITS must be on or off' })
  RATE_LIMITS?: 'on' | 'off';

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  RATE_LIMIT_TOKEN_PER_MINUTE?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_MINUTE?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  RATE_LIMIT_API_PER_MINUTE?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_LOCKOUT_THRESHOLD?: number;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_SECONDS?: number;

  @IsOptional()
  @toBoolean()
  @isBoolean()
  OAUTH_ALLOW_QUERY_CREDENTIALS?: boolean;

  @IsOptional()
  @toBoolean()
  @isBoolean()
  ALLOW_BASIC_PASSWORD?: boolean;

  @IsOptional()
  @toBoolean()
  @isBoolean()
  ALLOW_HTTP_REDIRECT_URIS?: boolean;

  @IsOptional()
  @toBoolean()
  @isBoolean()
  APPS_REQUIRE_FULL_ACCESS?: boolean;

  @IsOptional()
  @toBoolean()
  @isBoolean()
  PUBLIC_CLIENT_REFRESH_TOKENS?: boolean;

  @IsOptional()
  @toBoolean()
  @isBoolean()
  TRUST_PROXY?: boolean;

  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1024)
  @Max(10485760)
  BODY_LIMIT?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL?: string;

  /** Seconds to keep retrying an unreachable database at start (issue 14). */
  @IsOptional()
  @toInt()
  @IsInt()
  @Min(0)
  @Max(3600)
  DATABASE_WAIT_SECONDS?: number;
}

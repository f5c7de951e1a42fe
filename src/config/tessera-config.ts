/** The validated, typed configuration every module reads. Built once by `loadConfig`. */
export interface TesseraConfig {
  readonly port: number;
  readonly host: string;
  readonly issuer: string;
  readonly database: DatabaseConfig;
  readonly databaseWaitSeconds: number;
  readonly redisUrl: string | null;
  readonly secret: string | null;
  readonly admin: { readonly username: string; readonly password: string | null };
  readonly seedDemo: boolean;
  readonly tokens: TokenLifetimes;
  /** `/consumer/register` answers 403 unless `open`. */
  readonly registration: 'open' | 'closed';
  readonly paging: { readonly defaultSize: number; readonly maxSize: number };
  /** Delta links of the resource API: tombstones older than this are swept, older links answer 410. */
  readonly delta: { readonly retentionDays: number };
  readonly rateLimits: RateLimitConfig;
  readonly oauth: {
    readonly allowQueryCredentials: boolean;
    readonly publicClientRefreshTokens: boolean;
    /** Plain-http redirect URIs on any host (DAS's example registers http://tempuri.org/…); off: http only on loopback (F13). */
    readonly allowHttpRedirectUris: boolean;
  };
  readonly allowBasicPassword: boolean;
  readonly appsRequireFullAccess: boolean;
  readonly trustProxy: boolean;
  readonly bodyLimit: number;
  readonly logLevel: string;
  /** Where the audit stream (one JSON line per issued token) is appended: a file path, or `stdout`. */
  readonly auditStream: string;
}

export type DatabaseConfig = { readonly type: 'sqlite'; readonly path: string } | { readonly type: 'mysql'; readonly url: string };

export interface TokenLifetimes {
  readonly accessTokenTtl: number;
  readonly refreshTokenIdleTtl: number;
  readonly refreshTokenAbsoluteTtl: number;
  readonly authorizationCodeTtl: number;
  /** Sliding: a session ends after this long without a request. */
  readonly sessionTtl: number;
  /** Absolute: a session ends this long after sign-in, however active. */
  readonly sessionAbsoluteTtl: number;
  /** Past this without a successful revocation-feed poll, access tokens are refused (fail closed; issue 16). */
  readonly revocationFeedStaleSeconds: number;
}

export interface RateLimitConfig {
  readonly enabled: boolean;
  readonly tokenPerMinute: number;
  readonly loginPerMinute: number;
  readonly apiPerMinute: number;
  readonly lockoutThreshold: number;
  readonly lockoutSeconds: number;
}

export const TESSERA_CONFIG = Symbol('TESSERA_CONFIG');

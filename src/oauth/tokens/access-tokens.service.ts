import { randomBytes, sign } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, LessThan, Repository } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { PreparedSql, sqlTimestamp } from '../../database/prepared-sql';
import { AccessToken } from '../entities/access-token.entity';
import { ActiveSigningKey, SIGNING_ALGORITHM, SigningKeysService } from './signing-keys.service';

export interface AccessTokenRequest {
  /** `sub`: the user id, or the client id for a client acting for itself. */
  subject: string;
  clientId: string;
  /** The user whose rights apply (the person, the API user, or the app's owner). */
  userId: string | null;
  scopes: readonly string[];
  ttlSeconds: number;
  grantId: string | null;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
  expiresAt: Date;
}

/** RFC 9068 §2.2 claims of a Tessera access token. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope: string;
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * RFC 9068 §4: an access token's `typ` is `at+jwt`, and `application/at+jwt` is the same type
 * (RFC 7515 §4.1.9: the `application/` prefix may be left out; media types compare case-insensitively).
 */
export function isAccessTokenType(typ: unknown): boolean {
  return typeof typ === 'string' && typ.toLowerCase().replace(/^application\//, '') === ACCESS_TOKEN_TYPE;
}

/** Expired rows are swept once every this many issues, so the table stays bounded without a timer. */
const SWEEP_EVERY = 500;

const INSERT_TOKEN =
  'INSERT INTO access_tokens (jti, grant_id, client_id, user_id, scopes, expires_at, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)';

/** Issues JWT access tokens (RFC 9068: `typ: at+jwt`, ES256, `kid`) and keeps a row per `jti` for revocation. */
@Injectable()
export class AccessTokensService {
  private issuedSinceSweep = 0;
  private readonly sql: PreparedSql;
  /** The encoded JOSE header of the active key, made once per key. */
  private header: { kid: string; encoded: string } | null = null;

  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeysService,
    @InjectRepository(AccessToken) private readonly tokens: Repository<AccessToken>,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.sql = PreparedSql.of(dataSource);
  }

  async issue(request: AccessTokenRequest): Promise<IssuedAccessToken> {
    const jti = randomBytes(16).toString('base64url');
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + request.ttlSeconds;
    const claims: AccessTokenClaims = {
      iss: this.config.issuer,
      sub: request.subject,
      aud: this.config.issuer,
      exp,
      iat,
      jti,
      client_id: request.clientId,
      scope: request.scopes.join(' '),
    };
    const token = this.sign(claims, this.keys.signingKey());
    const expiresAt = new Date(exp * 1000);
    await this.sql.run(INSERT_TOKEN, [
      jti,
      request.grantId,
      request.clientId,
      request.userId,
      request.scopes.join(' '),
      sqlTimestamp(expiresAt),
      sqlTimestamp(new Date(iat * 1000)),
    ]);
    if (++this.issuedSinceSweep >= SWEEP_EVERY) await this.sweepExpired();
    return { token, jti, expiresIn: request.ttlSeconds, expiresAt };
  }

  /**
   * RFC 7515 compact JWS, ES256 (RFC 7518 §3.4: the signature is R || S, hence ieee-p1363).
   * Signed with node:crypto directly and a cached header: `JwtService.sign` re-validates its
   * options and re-encodes the header on every call (docs/decisions.md). Verification stays on `@nestjs/jwt`.
   */
  private sign(claims: AccessTokenClaims, key: ActiveSigningKey): string {
    if (this.header?.kid !== key.kid) {
      const header = JSON.stringify({ alg: SIGNING_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: key.kid });
      this.header = { kid: key.kid, encoded: Buffer.from(header).toString('base64url') };
    }
    const input = `${this.header.encoded}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  /** The claims when the signature, `typ`, `alg`, `iss`, `aud`, `exp` and `kid` are right; otherwise null. */
  async verifySignature(token: string): Promise<AccessTokenClaims | null> {
    const header = decodeHeader(token);
    if (!header || header.alg !== SIGNING_ALGORITHM || !isAccessTokenType(header.typ) || typeof header.kid !== 'string') return null;
    const publicKey = this.keys.knownPublicKey(header.kid) ?? (await this.keys.publicKey(header.kid));
    if (!publicKey) return null;
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, {
        publicKey: publicKey as never,
        algorithms: [SIGNING_ALGORITHM],
        issuer: this.config.issuer,
        audience: this.config.issuer,
      });
      return typeof claims.jti === 'string' && typeof claims.sub === 'string' ? claims : null;
    } catch {
      return null;
    }
  }

  /** The token's row when neither it nor its grant is revoked. */
  async findActive(jti: string): Promise<AccessToken | null> {
    const row = await this.tokens
      .createQueryBuilder('t')
      .leftJoin('grants', 'g', 'g.id = t.grant_id')
      .where('t.jti = :jti', { jti })
      .andWhere('t.revoked_at IS NULL')
      .andWhere('g.revoked_at IS NULL')
      .getOne();
    return row && row.expiresAt.getTime() > Date.now() ? row : null;
  }

  private async sweepExpired(): Promise<void> {
    this.issuedSinceSweep = 0;
    await this.tokens.delete({ expiresAt: LessThan(new Date(Date.now() - 3600_000)) });
  }

  findByJti(jti: string): Promise<AccessToken | null> {
    return this.tokens.findOneBy({ jti });
  }
}

function decodeHeader(token: string): { alg?: unknown; typ?: unknown; kid?: unknown } | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    return header && typeof header === 'object' ? (header as { alg?: unknown }) : null;
  } catch {
    return null;
  }
}

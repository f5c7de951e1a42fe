import { sign } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { AccessToken } from '../entities/access-token.entity';
import { newTokenId } from './token-id';
import { ActiveSigningKey, SIGNING_ALGORITHM, SigningKeysService } from './signing-keys.service';

export interface AccessTokenRequest {
  /** `sub`: the user id, or the client id for a client acting for itself. */
  subject: string;
  clientId: string;
  /** The user whose rights apply (the person, the API user, or the app's owner). */
  userId: string;
  scopes: readonly string[];
  ttlSeconds: number;
  grantId: string | null;
  /** When the client's credentials were checked (ms): the token counts as issued then. */
  issuedAtMs: number;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
  expiresAt: Date;
}

/**
 * RFC 9068 §2.2 claims of a Tessera access token, and two private ones (issue 16) that let it be
 * checked and revoked with no row: `gid`, the grant it came from, and `uid`, the user whose rights
 * it uses when that is not `sub` (a client acting for itself).
 */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  jti: string;
  client_id: string;
  scope: string;
  gid?: string;
  uid?: string;
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * RFC 9068 §4: an access token's `typ` is `at+jwt`, and `application/at+jwt` is the same type
 * (RFC 7515 §4.1.9: the `application/` prefix may be left out; media types compare case-insensitively).
 */
export function isAccessTokenType(typ: unknown): boolean {
  return typeof typ === 'string' && typ.toLowerCase().replace(/^application\//, '') === ACCESS_TOKEN_TYPE;
}

/** Rows of tokens issued before issue 16 are swept this often, once expired. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Issues JWT access tokens (RFC 9068: `typ: at+jwt`, ES256, `kid`) with no database write: a token
 * is refused by what RevocationFeed holds (its `jti`, its grant, its client's and owner's
 * not-before times), not by a row. Rows remain only for tokens issued before that (read until they expire).
 */
@Injectable()
export class AccessTokensService implements OnModuleInit, OnApplicationShutdown {
  private sweeper: NodeJS.Timeout | null = null;
  /** The encoded JOSE header of the active key, made once per key. */
  private header: { kid: string; encoded: string } | null = null;

  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeysService,
    @InjectRepository(AccessToken) private readonly tokens: Repository<AccessToken>,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweepExpired().catch(() => undefined), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  async issue(request: AccessTokenRequest): Promise<IssuedAccessToken> {
    const jti = newTokenId(request.issuedAtMs);
    const iat = Math.floor(request.issuedAtMs / 1000);
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
    if (request.grantId) claims.gid = request.grantId;
    if (request.userId !== request.subject) claims.uid = request.userId;
    const token = await this.sign(claims, this.keys.signingKey());
    return { token, jti, expiresIn: request.ttlSeconds, expiresAt: new Date(exp * 1000) };
  }

  /**
   * RFC 7515 compact JWS, ES256 (RFC 7518 §3.4: the signature is R || S, hence ieee-p1363).
   * Signed with node:crypto directly and a cached header: `JwtService.sign` re-validates its
   * options and re-encodes the header on every call (docs/decisions.md). Verification stays on `@nestjs/jwt`.
   * The signature is computed on libuv's thread pool (node:crypto's callback form), not on the
   * event loop: it was a quarter of the event loop's time per token (docs/decisions.md, "Signing off the event loop").
   */
  private sign(claims: AccessTokenClaims, key: ActiveSigningKey): Promise<string> {
    if (this.header?.kid !== key.kid) {
      const header = JSON.stringify({ alg: SIGNING_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: key.kid });
      this.header = { kid: key.kid, encoded: Buffer.from(header).toString('base64url') };
    }
    const input = `${this.header.encoded}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return new Promise((resolve, reject) =>
      sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }, (error, signature) =>
        error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`),
      ),
    );
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

  /** A token issued before issue 16: its row when neither it nor its grant is revoked. */
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

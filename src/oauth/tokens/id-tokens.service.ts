import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { UsersService } from '../../users/users.service';
import { SIGNING_ALGORITHM, SigningKeysService } from './signing-keys.service';

export interface IdTokenRequest {
  userId: string;
  clientId: string;
  scopes: readonly string[];
  nonce: string | null;
  authTime: Date | null;
  /** How the person signed in (RFC 8176 values, and `fed` for a sign-in through an upstream provider). */
  amr?: readonly string[] | null;
  accessToken: string;
}

/** `acr` values: a password alone, or a password and a second factor (docs/oauth.md). */
export const ACR_PASSWORD = 'urn:tessera:acr:pwd';
export const ACR_TWO_FACTORS = 'urn:tessera:acr:mfa';
/** A sign-in through the company's identity provider (its own factors are its own). */
export const ACR_FEDERATED = 'fed';

/** OpenID Connect Core §2 ID tokens: ES256, `aud` = client_id, `nonce` echoed, `at_hash`. */
@Injectable()
export class IdTokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: SigningKeysService,
    private readonly users: UsersService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async issue(request: IdTokenRequest): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const user = await this.users.findById(request.userId);
    const claims = {
      iss: this.config.issuer,
      sub: request.userId,
      aud: request.clientId,
      iat,
      exp: iat + this.config.tokens.accessTokenTtl,
      ...(request.authTime ? { auth_time: Math.floor(request.authTime.getTime() / 1000) } : {}),
      ...(request.nonce ? { nonce: request.nonce } : {}),
      ...authenticationContext(request.amr),
      at_hash: atHash(request.accessToken),
      ...(user && request.scopes.includes('profile') ? { preferred_username: user.username } : {}),
      ...(user && request.scopes.includes('email') && user.email ? { email: user.email } : {}),
    };
    const key = this.keys.signingKey();
    return this.jwt.sign(claims, {
      privateKey: key.privateKey as never,
      algorithm: SIGNING_ALGORITHM,
      header: { alg: SIGNING_ALGORITHM, typ: 'JWT', kid: key.kid },
    });
  }

  /** The claims of an ID token this server issued (for `id_token_hint` at logout), expired or not; null otherwise. */
  /**
   * Only an ID token counts (review A7): `typ: JWT` with an `at_hash`, for a client. An access
   * token (`typ: at+jwt`, for the resource server), which every API a person uses sees, is no hint.
   */
  async readHint(token: string): Promise<{ sub: string; aud: string } | null> {
    try {
      const [headerPart] = token.split('.');
      const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as { kid?: string; typ?: string };
      const publicKey = header.kid && header.typ === 'JWT' ? await this.keys.publicKey(header.kid) : null;
      if (!publicKey) return null;
      const claims = this.jwt.verify<{ sub: string; aud: unknown; at_hash?: string }>(token, {
        publicKey: publicKey as never,
        algorithms: [SIGNING_ALGORITHM],
        issuer: this.config.issuer,
        ignoreExpiration: true,
      });
      if (typeof claims.aud !== 'string' || claims.aud === this.config.issuer || !claims.at_hash) return null;
      return { sub: claims.sub, aud: claims.aud };
    } catch {
      return null;
    }
  }
}

/**
 * OIDC Core §2 `amr` and `acr`. A sign-in through the company's provider says `fed` in both
 * (docs/decisions.md, "Federated sign-in"); a local sign-in says `pwd` (and `otp` after a second factor) with
 * Tessera's own `acr` for one or two factors.
 */
function authenticationContext(amr: readonly string[] | null | undefined): { amr?: string[]; acr?: string } {
  if (!amr?.length) return {};
  return { amr: [...amr], acr: amr.includes('fed') ? ACR_FEDERATED : amr.includes('otp') ? ACR_TWO_FACTORS : ACR_PASSWORD };
}

/** OIDC Core §3.1.3.6: left half of SHA-256 of the access token, base64url. */
function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

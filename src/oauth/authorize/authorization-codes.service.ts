import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { generateSecret, sha256 } from '../../common/secrets';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { AuthorizationCode } from '../entities/authorization-code.entity';

export interface NewAuthorizationCode {
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: readonly string[];
  codeChallenge: string | null;
  nonce: string | null;
  authTime: Date | null;
  /** How the person signed in (OIDC `amr`), for the ID token; null when unknown (a Bearer caller). */
  amr?: readonly string[] | null;
  /** On the DAS-style Bearer path: the grant behind the Bearer token; the code's grant ends with it. */
  mintedByGrant?: string | null;
}

export type Consumption = { kind: 'consumed'; code: AuthorizationCode; grantId: string } | { kind: 'replayed'; code: AuthorizationCode };

/** Authorization codes (RFC 6749 §4.1.2): 256 bits, SHA-256 at rest, ≤ 10 minutes, single use. */
@Injectable()
export class AuthorizationCodesService {
  constructor(
    @InjectRepository(AuthorizationCode) private readonly codes: Repository<AuthorizationCode>,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async issue(input: NewAuthorizationCode): Promise<string> {
    const code = generateSecret();
    const now = new Date();
    await this.codes.insert({
      codeHash: sha256(code),
      clientId: input.clientId,
      userId: input.userId,
      redirectUri: input.redirectUri,
      scopes: [...input.scopes],
      codeChallenge: input.codeChallenge,
      codeChallengeMethod: input.codeChallenge ? 'S256' : null,
      nonce: input.nonce,
      authTime: input.authTime,
      amr: input.amr?.length ? input.amr.join(' ') : null,
      expiresAt: new Date(now.getTime() + this.config.tokens.authorizationCodeTtl * 1000),
      consumedAt: null,
      grantId: null,
      mintedByGrant: input.mintedByGrant ?? null,
      createdAt: now,
    });
    await this.codes.delete({ expiresAt: LessThan(new Date(now.getTime() - 86_400_000)) });
    return code;
  }

  find(code: string): Promise<AuthorizationCode | null> {
    return this.codes.findOneBy({ codeHash: sha256(code) });
  }

  /**
   * The person withdrew the application: the codes it holds for her and has not redeemed yet go
   * too (review A2). Called before her grants are revoked: only an exchange already past its
   * consumption can still start a grant, and the revocation right after finds it.
   */
  async withdraw(userId: string, clientId: string): Promise<void> {
    await this.codes.delete({ userId, clientId, consumedAt: IsNull() });
  }

  /** One conditional UPDATE: of two concurrent exchanges exactly one consumes the code. */
  async consume(code: AuthorizationCode): Promise<Consumption> {
    if (code.consumedAt) return { kind: 'replayed', code };
    const grantId = randomUUID();
    const result = await this.codes.update({ codeHash: code.codeHash, consumedAt: IsNull() }, { consumedAt: new Date(), grantId });
    if (result.affected === 1) return { kind: 'consumed', code, grantId };
    return { kind: 'replayed', code: (await this.codes.findOneBy({ codeHash: code.codeHash })) ?? code };
  }
}

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** RFC 7636 §4.1: 43–128 unreserved characters. */
export const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

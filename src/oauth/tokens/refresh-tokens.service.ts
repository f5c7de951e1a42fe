import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThanOrEqual, Not, Repository } from 'typeorm';
import { generateSecret, sha256 } from '../../common/secrets';
import { Grant } from '../entities/grant.entity';
import { RefreshToken } from '../entities/refresh-token.entity';

export const REFRESH_TOKEN_PREFIX = 'trt_';

export interface NewRefreshToken {
  grantId: string;
  clientId: string;
  userId: string | null;
  scopes: readonly string[];
  idleTtlSeconds: number;
  /** The grant's absolute end; a rotated token never outlives it. */
  expiresAt: Date;
}

export type RotationOutcome = { kind: 'rotated'; token: RefreshToken } | { kind: 'reused'; token: RefreshToken };

/** Opaque refresh tokens (256 bits, prefixed), stored as SHA-256, rotated on every use. */
@Injectable()
export class RefreshTokensService {
  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  async issue(input: NewRefreshToken): Promise<string> {
    const token = generateSecret(REFRESH_TOKEN_PREFIX);
    const now = new Date();
    const idleExpiresAt = new Date(Math.min(now.getTime() + input.idleTtlSeconds * 1000, input.expiresAt.getTime()));
    await this.tokens.insert({
      tokenHash: sha256(token),
      grantId: input.grantId,
      clientId: input.clientId,
      userId: input.userId,
      scopes: [...input.scopes],
      expiresAt: input.expiresAt,
      idleExpiresAt,
      rotatedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    return token;
  }

  find(token: string): Promise<RefreshToken | null> {
    return this.tokens.findOneBy({ tokenHash: sha256(token) });
  }

  /** The token and its grant while the grant is not revoked, in one statement (issue 16: a refresh costs ≤ 3). */
  async findWithActiveGrant(token: string): Promise<{ token: RefreshToken; grant: Grant | null } | null> {
    const row = await this.tokens
      .createQueryBuilder('t')
      .leftJoinAndMapOne('t.activeGrant', Grant, 'g', 'g.id = t.grantId AND g.revokedAt IS NULL')
      .where('t.tokenHash = :hash', { hash: sha256(token) })
      .getOne();
    if (!row) return null;
    const { activeGrant, ...found } = row as RefreshToken & { activeGrant?: Grant };
    return { token: Object.assign(new RefreshToken(), found), grant: activeGrant ?? null };
  }

  /**
   * Marks a usable token (RefreshTokenCheck) used with one conditional UPDATE (RFC 9700 §4.14.2):
   * of two concurrent requests with the same token exactly one sees `rotated`; the other `reused`.
   */
  async rotate(token: RefreshToken): Promise<RotationOutcome> {
    const result = await this.tokens.update(
      { tokenHash: token.tokenHash, rotatedAt: IsNull(), revokedAt: IsNull() },
      { rotatedAt: new Date() },
    );
    if (result.affected === 1) return { kind: 'rotated', token };
    return { kind: 'reused', token: (await this.tokens.findOneBy({ tokenHash: token.tokenHash })) ?? token };
  }

  /**
   * Whether the rotation of this (used) token has completed: a successor was issued in its grant
   * since it was rotated. If not, the request that rotated it is still running: a concurrent
   * request lost the race, it is not a replay of a token the client already replaced.
   */
  async hasSuccessor(token: RefreshToken): Promise<boolean> {
    if (!token.rotatedAt) return false;
    return this.tokens.existsBy({ grantId: token.grantId, tokenHash: Not(token.tokenHash), createdAt: MoreThanOrEqual(token.rotatedAt) });
  }
}

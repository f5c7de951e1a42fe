import { createPrivateKey, createPublicKey, generateKeyPairSync, JsonWebKey, KeyObject, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import { SigningKey } from '../entities/signing-key.entity';
import { KeyEncryption } from './key-encryption';

export const SIGNING_ALGORITHM = 'ES256';
const RELOAD_INTERVAL_MS = 1000;
/** Every instance rereads the keys this often, so a rotation made elsewhere (`tessera keys:rotate`) signs everywhere. */
export const KEY_REFRESH_MS = 10_000;

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * ES256 signing keys (docs/oauth.md, "Tokens"): generated on first start and kept in `signing_keys`, the private
 * half encrypted with TESSERA_SECRET when it is set. Rotation makes a new key active and keeps
 * the old ones published and verifiable until their `retired_at`, set by the rotation to when the
 * last token they signed has expired; from then on they are neither published nor trusted.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeysService.name);
  private readonly encryption: KeyEncryption | null;
  private active: ActiveSigningKey | null = null;
  private publicKeys = new Map<string, KeyObject>();
  private jwks: JsonWebKey[] = [];
  private lastReload = 0;
  private refresh: NodeJS.Timeout | null = null;

  constructor(
    @InjectRepository(SigningKey) private readonly keys: Repository<SigningKey>,
    @Inject(TESSERA_CONFIG) config: TesseraConfig,
  ) {
    this.encryption = config.secret ? new KeyEncryption(config.secret) : null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.encryption) {
      this.logger.warn(
        'TESSERA_SECRET is not set: signing keys are stored unencrypted in the database; set it (16+ characters) to seal new keys',
      );
    }
    if ((await this.keys.countBy({ active: true, retiredAt: IsNull() })) === 0) await this.create();
    await this.reload();
    this.refresh = setInterval(
      () => void this.reload().catch((error: Error) => this.logger.warn(`Reloading signing keys failed: ${error.message}`)),
      KEY_REFRESH_MS,
    );
    this.refresh.unref();
  }

  onModuleDestroy(): void {
    if (this.refresh) clearInterval(this.refresh);
  }

  /** The key new tokens are signed with. */
  signingKey(): ActiveSigningKey {
    if (!this.active) throw new Error('No active signing key');
    return this.active;
  }

  /** The public key for a `kid`; an unknown kid (another instance rotated) reloads at most once a second. */
  async publicKey(kid: string): Promise<KeyObject | null> {
    const known = this.publicKeys.get(kid);
    if (known || Date.now() - this.lastReload < RELOAD_INTERVAL_MS) return known ?? null;
    await this.reload();
    return this.publicKeys.get(kid) ?? null;
  }

  /** Synchronous lookup for the hot path; null when the kid is not (yet) known here. */
  knownPublicKey(kid: string): KeyObject | null {
    return this.publicKeys.get(kid) ?? null;
  }

  /** RFC 7517 JWK Set of every key that still verifies. */
  jwkSet(): { keys: JsonWebKey[] } {
    return { keys: this.jwks };
  }

  /**
   * Makes a new key the active one; the older keys stay published and verifiable until
   * `retireOthersAt` (when absent, until a later rotation retires them).
   */
  async rotate(retireOthersAt: Date | null = null): Promise<string> {
    const kid = await this.create();
    await this.keys.createQueryBuilder().update().set({ active: false }).where('kid <> :kid', { kid }).execute();
    if (retireOthersAt) {
      await this.keys
        .createQueryBuilder()
        .update()
        .set({ retiredAt: retireOthersAt })
        .where('kid <> :kid AND retired_at IS NULL', { kid })
        .execute();
    }
    await this.reload();
    return kid;
  }

  private async create(): Promise<string> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = randomBytes(12).toString('base64url');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await this.keys.insert({
      kid,
      alg: SIGNING_ALGORITHM,
      publicJwk: JSON.stringify(publicKey.export({ format: 'jwk' })),
      privateKey: this.encryption ? this.encryption.encrypt(pem) : pem,
      encrypted: Boolean(this.encryption),
      active: true,
      createdAt: new Date(),
      retiredAt: null,
    });
    this.logger.log(`Created signing key ${kid}${this.encryption ? ' (encrypted at rest)' : ''}`);
    return kid;
  }

  private async reload(): Promise<void> {
    this.lastReload = Date.now();
    const rows = await this.keys.find({
      where: [{ retiredAt: IsNull() }, { retiredAt: MoreThan(new Date()) }],
      select: { kid: true, alg: true, publicJwk: true, privateKey: true, encrypted: true, active: true, createdAt: true },
      order: { createdAt: 'DESC' },
    });
    this.publicKeys = new Map(
      rows.map((row) => [row.kid, createPublicKey({ key: JSON.parse(row.publicJwk) as JsonWebKey, format: 'jwk' })]),
    );
    this.jwks = rows.map((row) => ({ ...(JSON.parse(row.publicJwk) as JsonWebKey), kid: row.kid, alg: row.alg, use: 'sig' }));
    const newest = rows.find((row) => row.active);
    if (newest) this.active = { kid: newest.kid, privateKey: createPrivateKey(this.privatePem(newest)) };
  }

  private privatePem(row: SigningKey): string {
    if (!row.encrypted) return row.privateKey;
    if (!this.encryption) throw new Error(`Signing key ${row.kid} is encrypted: set TESSERA_SECRET to the value it was created with`);
    return this.encryption.decrypt(row.privateKey);
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { toDataURL } from 'qrcode';
import { IsNull, Not, Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Conflict } from '../../common/errors/api-error';
import { sha256 } from '../../common/secrets';
import { TESSERA_CONFIG, TesseraConfig } from '../../config/tessera-config';
import type { LoginContext } from '../../users/account-lockout';
import { ServerSecrets } from '../secrets/server-secrets.service';
import { RecoveryCode } from './recovery-code.entity';
import { SecretSealer } from './secret-sealer';
import { matchingStep, newTotpSecret, totpOf } from './totp';
import { TwoFactorEnrolment } from './two-factor-enrolment.entity';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32: 32 symbols without i, l, o, u; those typed by mistake are read as 1, 1, 0 (and u is never written). */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export interface Person {
  id: string;
  username: string;
}

/** What the set-up page shows: the secret to type, the otpauth:// URI and its QR code (a data: URI, drawn here). */
export interface TotpSetup {
  secret: string;
  uri: string;
  qrCode: string;
}

export interface TwoFactorStatus {
  enrolled: boolean;
  recoveryCodesLeft: number;
}

/**
 * TOTP enrolment (RFC 6238) and recovery codes: the owner of `two_factor_enrolments` and
 * `recovery_codes`. A secret is sealed with a server key; it counts once a first code from the
 * person's app matched, and then ten recovery codes are made, shown once and kept as SHA-256.
 */
@Injectable()
export class TwoFactorService {
  private sealer: Promise<SecretSealer> | null = null;

  constructor(
    @InjectRepository(TwoFactorEnrolment) private readonly enrolments: Repository<TwoFactorEnrolment>,
    @InjectRepository(RecoveryCode) private readonly recoveryCodes: Repository<RecoveryCode>,
    private readonly secrets: ServerSecrets,
    private readonly audit: AuditService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async statusOf(userId: string): Promise<TwoFactorStatus> {
    const enrolled = await this.enrolments.existsBy({ userId, confirmedAt: Not(IsNull()) });
    const recoveryCodesLeft = enrolled ? await this.recoveryCodes.countBy({ userId, usedAt: IsNull() }) : 0;
    return { enrolled, recoveryCodesLeft };
  }

  isEnrolled(userId: string): Promise<boolean> {
    return this.enrolments.existsBy({ userId, confirmedAt: Not(IsNull()) });
  }

  /** A new secret waiting for its first code (any earlier unconfirmed one is replaced). */
  async begin(person: Person): Promise<TotpSetup> {
    if (await this.isEnrolled(person.id)) throw new Conflict('Two-factor sign-in is already set up; turn it off first to set it up again');
    const secret = newTotpSecret();
    await this.enrolments.delete({ userId: person.id });
    await this.enrolments.insert({
      userId: person.id,
      secretSealed: (await this.sealerOf()).seal(secret),
      confirmedAt: null,
      lastStep: null,
      createdAt: new Date(),
    });
    return this.setupOf(person, secret);
  }

  /** The set-up waiting for its first code, shown again (after a wrong code, or a reload). */
  async pendingSetup(person: Person): Promise<TotpSetup | null> {
    const row = await this.withSecret(person.id);
    return row && !row.confirmedAt ? this.setupOf(person, (await this.sealerOf()).open(row.secretSealed)) : null;
  }

  /** The first code matched: the enrolment counts, and the ten recovery codes are returned (shown once). Null for a wrong code. */
  async confirm(person: Person, code: string, context: LoginContext = {}): Promise<string[] | null> {
    const row = await this.withSecret(person.id);
    if (!row || row.confirmedAt) return null;
    const step = matchingStep((await this.sealerOf()).open(row.secretSealed), code.trim());
    if (step === null) return null;
    const confirmed = await this.enrolments
      .createQueryBuilder()
      .update()
      .set({ confirmedAt: new Date(), lastStep: step })
      .where('user_id = :userId AND confirmed_at IS NULL', { userId: person.id })
      .execute();
    if (!confirmed.affected) return null;
    const codes = await this.replaceRecoveryCodes(person.id);
    await this.audit.record({
      event: 'two_factor.enabled',
      actorId: person.id,
      actorName: person.username,
      target: person.id,
      ip: context.ip,
    });
    return codes;
  }

  /** Ten new recovery codes for an enrolled person (the caller has checked a current code); the old ones stop working. */
  async renewRecoveryCodes(person: Person, context: LoginContext = {}): Promise<string[]> {
    const codes = await this.replaceRecoveryCodes(person.id);
    await this.audit.record({
      event: 'two_factor.recovery_codes_renewed',
      actorId: person.id,
      actorName: person.username,
      target: person.id,
      ip: context.ip,
    });
    return codes;
  }

  /** Turns two-factor sign-in off (the caller has checked a current code, or is an administrator). */
  async remove(person: Person, actor: { id: string | null; name: string | null }, context: LoginContext = {}): Promise<void> {
    await this.enrolments.delete({ userId: person.id });
    await this.recoveryCodes.delete({ userId: person.id });
    await this.audit.record({ event: 'two_factor.disabled', actorId: actor.id, actorName: actor.name, target: person.id, ip: context.ip });
  }

  /**
   * A TOTP code within ±1 step whose step is later than the last one accepted (RFC 6238 §5.2: a
   * code is accepted once), set atomically so two requests with one code cannot both pass.
   */
  async acceptTotp(userId: string, code: string): Promise<boolean> {
    const row = await this.withSecret(userId);
    if (!row?.confirmedAt) return false;
    const step = matchingStep((await this.sealerOf()).open(row.secretSealed), code);
    if (step === null) return false;
    const accepted = await this.enrolments
      .createQueryBuilder()
      .update()
      .set({ lastStep: step })
      .where('user_id = :userId AND confirmed_at IS NOT NULL AND (last_step IS NULL OR last_step < :step)', { userId, step })
      .execute();
    return (accepted.affected ?? 0) === 1;
  }

  /** A recovery code not used before, used up now (an atomic conditional update). */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const used = await this.recoveryCodes
      .createQueryBuilder()
      .update()
      .set({ usedAt: new Date() })
      .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', { userId, hash: sha256(normalisedRecoveryCode(code)) })
      .execute();
    if (!used.affected) return false;
    const left = await this.recoveryCodes.countBy({ userId, usedAt: IsNull() });
    await this.audit.record({ event: 'two_factor.recovery_code_used', actorId: userId, target: userId, details: { left } });
    return true;
  }

  private async replaceRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.recoveryCodes.delete({ userId });
    const now = new Date();
    await this.recoveryCodes.insert(
      codes.map((code) => ({ id: randomUUID(), userId, codeHash: sha256(normalisedRecoveryCode(code)), usedAt: null, createdAt: now })),
    );
    return codes;
  }

  private withSecret(userId: string): Promise<TwoFactorEnrolment | null> {
    return this.enrolments.createQueryBuilder('e').addSelect('e.secretSealed').where('e.user_id = :userId', { userId }).getOne();
  }

  private async setupOf(person: Person, secret: string): Promise<TotpSetup> {
    const uri = totpOf(secret, person.username, new URL(this.config.issuer).host).toString();
    return { secret, uri, qrCode: await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 5 }) };
  }

  private sealerOf(): Promise<SecretSealer> {
    this.sealer ??= this.secrets.key('two-factor-secrets').then((key) => new SecretSealer(key));
    return this.sealer;
  }
}

/** 16 symbols of 5 random bits each (80 bits), written in groups of four: `7k2m-q9xa-…`. */
function newRecoveryCode(): string {
  const symbols = [...randomBytes(16)].map((byte) => RECOVERY_ALPHABET[byte & 31]);
  return symbols.join('').replace(/(.{4})(?!$)/g, '$1-');
}

function normalisedRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
}

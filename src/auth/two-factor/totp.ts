import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;
/** RFC 6238 §5.2: one step either way for clock drift and typing time. */
const SKEW_STEPS = 1;

/** A new 160-bit secret (RFC 4226 §4 recommends 160), base32 as the apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpOf(secret: string, account: string, issuer: string): TOTP {
  return new TOTP({ issuer, label: account, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The time step a code matches within ±1 step of now, or null. */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret, '', 'Tessera').validate({ token: code, timestamp: now, window: SKEW_STEPS });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

export function looksLikeTotp(code: string): boolean {
  return /^\d{6}$/.test(code);
}

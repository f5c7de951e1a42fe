import { matchingStep, newTotpSecret, totpOf } from './totp';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 15);
const STEP = Math.floor(NOW / 30_000);

describe('matchingStep (RFC 6238)', () => {
  const secret = newTotpSecret();
  const codeAt = (offsetSeconds: number) => totpOf(secret, 'ada', 'tessera.test').generate({ timestamp: NOW + offsetSeconds * 1000 });

  it('finds the step of a code from now, one step behind and one step ahead', () => {
    expect(matchingStep(secret, codeAt(0), NOW)).toBe(STEP);
    expect(matchingStep(secret, codeAt(-30), NOW)).toBe(STEP - 1);
    expect(matchingStep(secret, codeAt(30), NOW)).toBe(STEP + 1);
  });

  it('refuses a code two steps off either way, and anything but six digits', () => {
    expect(matchingStep(secret, codeAt(-60), NOW)).toBeNull();
    expect(matchingStep(secret, codeAt(60), NOW)).toBeNull();
    expect(matchingStep(secret, `${codeAt(0)} `, NOW)).toBeNull();
    expect(matchingStep(secret, '12345', NOW)).toBeNull();
  });

  it('matches the RFC 6238 appendix B test vector (SHA-1, 8 digits there; 6 here are its last six)', () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    expect(totpOf(rfcSecret, 'x', 'y').generate({ timestamp: 59_000 })).toBe('287082');
  });
});

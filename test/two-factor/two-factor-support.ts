import { TOTP, Secret } from 'otpauth';
import { FormClient } from '../web/browser-like';

const PERIOD_MS = 30_000;

/**
 * Codes as a person's authenticator app makes them (the otpauth library), one per RFC 6238 time
 * step, each step used once: a server refuses a step it has accepted before, so a test that needs
 * several codes takes the step before now, now, the step after (all within the ±1 step allowed),
 * and waits for the next step only past those. Never within a second of a step's end, so the
 * code cannot fall out of the window between making it and sending it.
 */
export class Authenticator {
  private lastStep = -Infinity;

  constructor(readonly secret: string) {}

  /** The code of the step `offset` steps from now (what a phone whose clock is that far off shows). */
  codeAt(offsetSteps: number): string {
    return totp(this.secret).generate({ timestamp: Date.now() + offsetSteps * PERIOD_MS });
  }

  /** A code of a step not used before, within ±1 step of now. */
  async nextCode(): Promise<string> {
    await awayFromStepEnd();
    let now = currentStep();
    if (this.lastStep + 1 > now + 1) {
      await new Promise((resolve) => setTimeout(resolve, (this.lastStep + 1 - (now + 1)) * PERIOD_MS - msIntoStep() + 50));
      now = currentStep();
    }
    const step = Math.max(this.lastStep + 1, now - 1);
    this.lastStep = step;
    return totp(this.secret).generate({ timestamp: step * PERIOD_MS + 1 });
  }

  /** Marks the steps up to now as used (a code of now was just accepted elsewhere). */
  usedNow(): void {
    this.lastStep = Math.max(this.lastStep, currentStep());
  }
}

function totp(secret: string): TOTP {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

const currentStep = () => Math.floor(Date.now() / PERIOD_MS);
const msIntoStep = () => Date.now() % PERIOD_MS;

async function awayFromStepEnd(): Promise<void> {
  const left = PERIOD_MS - msIntoStep();
  if (left < 1500) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** The key the set-up page shows (as a person would type it into the app). */
export function secretOnPage(page: string): string {
  const match = /id="totp-secret">([A-Z2-7]+)</.exec(page);
  if (!match) throw new Error('no TOTP secret on the page');
  return match[1];
}

export function recoveryCodesOnPage(page: string): string[] {
  return [...page.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((m) => m[1]);
}

/** Sets up TOTP through `/account/two-factor` as a signed-in person; the app and the ten recovery codes. */
export async function enrolThroughAccountPage(
  browser: FormClient,
  password: string,
): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
  await browser.get('/account/two-factor');
  const setup = await browser.post('/account/two-factor/setup', { password });
  if (setup.status !== 200) throw new Error(`set-up answered ${setup.status}`);
  const app = new Authenticator(secretOnPage(setup.text));
  const confirmed = await browser.post('/account/two-factor/confirm', { code: await app.nextCode() });
  if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}`);
  return { app, recoveryCodes: recoveryCodesOnPage(confirmed.text) };
}

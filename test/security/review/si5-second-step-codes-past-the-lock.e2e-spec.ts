import request from 'supertest';
import { TwoFactorService } from '../../../src/auth/two-factor/two-factor.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { enrolThroughAccountPage } from '../../two-factor/two-factor-support';
import { FormClient } from '../../web/browser-like';
import { personBrowser } from '../../web/pages-support';
import { unique, uniqueIp } from '../support/flows';

const THRESHOLD = 5;

/**
 * SI5 (low). The only per-name bound on second-factor guesses at the console's second step
 * (`POST /login/second-step`) is the lockout: the body carries no user name, so the `login` rate
 * limit counts it per IP only (F24's per-name budget covers channels that name the person). The
 * lockout is check-then-act: `SecondFactor.verify` reads `isLocked`, checks the code, and only
 * then `refuseSecondFactor` increments the name's count and locks at the threshold. Requests sent
 * together (from as many IPs as the attacker has, one pending sign-in: the password is known) all
 * read "not locked" before the first increment lands, so every one of them has its code checked:
 * far more than LOGIN_LOCKOUT_THRESHOLD guesses per lock window.
 *
 * Measured by counting the codes the server actually checked (TwoFactorService.acceptTotp).
 * Seen failing on MariaDB (11 codes checked of 60 sent; `DATABASE_URL=mysql://…`); it passes on SQLite,
 * where better-sqlite3's synchronous calls happen to run each request's check and count back to back.
 */
describe('SI5: second-factor guesses sent together are all checked, past the lockout threshold', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMITS: 'on',
      TRUST_PROXY: 'true',
      LOGIN_LOCKOUT_THRESHOLD: String(THRESHOLD),
      LOGIN_LOCKOUT_SECONDS: '900',
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  it(`checks at most ${THRESHOLD} wrong codes for one name before it is locked`, async () => {
    const username = unique('totp');
    const password = `${username}-password-123`;
    const owner = await personBrowser(t, username, password);
    const { app } = await enrolThroughAccountPage(owner, password);

    // The attacker knows the password: a pending sign-in waiting for the code.
    const attacker = new FormClient(t.url, { 'X-Forwarded-For': uniqueIp() });
    await attacker.get('/login');
    const first = await attacker.post('/login', { username, password });
    expect(first.headers.location).toMatch(/^\/login\/second-step/);
    await attacker.get('/login/second-step');
    const csrf = attacker.csrfToken();
    const cookie = attacker.cookieHeader();

    const valid = new Set([-1, 0, 1].map((offset) => app.codeAt(offset)));
    const guesses: string[] = [];
    for (let n = 100000; guesses.length < 60; n += 7919) if (!valid.has(String(n))) guesses.push(String(n));

    const checked = jest.spyOn(t.app.get(TwoFactorService), 'acceptTotp');
    const answers = await Promise.all(
      guesses.map((code) =>
        request(t.url)
          .post('/login/second-step')
          .set('Cookie', cookie)
          .set('Origin', t.url)
          .set('X-Forwarded-For', uniqueIp())
          .type('form')
          .send(new URLSearchParams({ _csrf: csrf, code }).toString()),
      ),
    );
    expect(answers.every((res) => res.status === 401)).toBe(true);
    expect(checked.mock.calls.length).toBeLessThanOrEqual(THRESHOLD);
  });
});

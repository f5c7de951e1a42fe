import type { TotpSetup } from '../../auth/two-factor/two-factor.service';
import { csrfField, formError } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field, layout } from '../../html/layout';
import { recoveryCodesOnce, totpSetupForm } from '../two-factor/two-factor.views';

/** The second step of a sign-in: the code from the authenticator app, or a recovery code. */
export function secondStepPage(form: { csrfToken: string; returnTo: string; error?: string | null }): Html {
  return layout(
    { title: 'Two-factor sign-in' },
    html`<section class="card narrow">
  <h1>Enter your code</h1>
  <p>Open your authenticator app and enter the 6-digit code it shows for Tessera. Lost your phone? Enter one of your recovery codes instead.</p>
  ${formError(form.error)}
  <form method="post" action="/login/second-step" novalidate>
    ${csrfField(form.csrfToken)}
    <input type="hidden" name="return_to" value="${form.returnTo}">
    ${field({ label: 'Code', name: 'code', required: true, autocomplete: 'one-time-code' })}
    <div class="actions"><button type="submit">Verify</button></div>
  </form>
  <p><a href="/login">Start again</a></p>
</section>`,
  );
}

/** Signing in to an account whose role requires two factors, before it has set them up. */
export function forcedSetupPage(form: { csrfToken: string; returnTo: string; setup: TotpSetup; error?: string | null }): Html {
  return layout(
    { title: 'Set up two-factor sign-in' },
    html`<section class="card narrow">
  <h1>Set up two-factor sign-in</h1>
  <p>Your role requires a second factor: from now on you sign in with your password and a code from an authenticator app on your phone.</p>
  ${totpSetupForm({ action: '/login/two-factor-setup', csrfToken: form.csrfToken, setup: form.setup, error: form.error, returnTo: form.returnTo })}
</section>`,
  );
}

/** Set up and signed in: the recovery codes, once, and on to the page that was asked for. */
export function setupDonePage(codes: readonly string[], returnTo: string): Html {
  return layout(
    { title: 'Two-factor sign-in is on' },
    html`<section class="card narrow">
  <h1>Two-factor sign-in is on</h1>
  ${recoveryCodesOnce(codes)}
  <p><a class="button" href="${returnTo}">Continue</a></p>
</section>`,
  );
}

import type { TotpSetup } from '../../auth/two-factor/two-factor.service';
import { csrfField, formError } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';

/** The set-up form: the QR code (a data: URI drawn on the server), the secret to type instead, and the first code. */
export function totpSetupForm(options: {
  action: string;
  csrfToken: string;
  setup: TotpSetup;
  error?: string | null;
  returnTo?: string;
}): Html {
  return html`<ol class="steps">
  <li>Open an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Aegis, …) and scan this code.
    <figure class="qr"><img src="${options.setup.qrCode}" alt="QR code for the authenticator app" width="180" height="180"></figure>
  </li>
  <li>Or type this key into the app: <code class="secret" id="totp-secret">${options.setup.secret}</code></li>
  <li>Enter the 6-digit code the app shows.</li>
</ol>
${formError(options.error)}
<form method="post" action="${options.action}" novalidate>
  ${csrfField(options.csrfToken)}
  ${options.returnTo !== undefined ? html`<input type="hidden" name="return_to" value="${options.returnTo}">` : null}
  ${field({ label: 'Code from the app', name: 'code', required: true, autocomplete: 'one-time-code' })}
  <div class="actions"><button type="submit">Turn on two-factor sign-in</button></div>
</form>`;
}

/** The ten recovery codes, shown once. */
export function recoveryCodesOnce(codes: readonly string[]): Html {
  return html`<div class="card once" role="status">
  <p><strong>Your recovery codes.</strong> Each works once, instead of a code from the app, if you lose your phone. They are shown only this once: print them or keep them in a password manager.</p>
  <ul class="recovery-codes secret" id="recovery-codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ul>
  <button type="button" class="secondary copy" data-copy="recovery-codes" hidden>Copy</button>
</div>`;
}

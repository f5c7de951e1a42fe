import type { TotpSetup, TwoFactorStatus } from '../../auth/two-factor/two-factor.service';
import { formError, notice, postForm } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';
import { recoveryCodesOnce, totpSetupForm } from '../two-factor/two-factor.views';
import { AccountFrame, accountLayout } from './account-layout';

export interface TwoFactorPage {
  frame: Omit<AccountFrame, 'section' | 'title'>;
  status: TwoFactorStatus;
  /** The person's role requires two factors: they cannot turn it off. */
  required: boolean;
  /** Setting it up asks for the password again (a person with none, signed in through a company provider, is not asked). */
  hasPassword: boolean;
  setup?: TotpSetup | null;
  recoveryCodes?: readonly string[] | null;
  error?: string | null;
  notice?: string | null;
}

/** `/account/two-factor`: set up TOTP, see how many recovery codes are left, renew them, turn it off. */
export function twoFactorPage(page: TwoFactorPage): Html {
  return accountLayout(
    { ...page.frame, title: 'Two-factor sign-in', section: 'two-factor' },
    html`
<h1>Two-factor sign-in</h1>
${notice(page.notice)}
${page.recoveryCodes ? recoveryCodesOnce(page.recoveryCodes) : null}
<section class="card">${page.setup ? setupSection(page) : page.status.enrolled ? enrolledSection(page) : offSection(page)}</section>`,
  );
}

function offSection(page: TwoFactorPage): Html {
  return html`<p>Two-factor sign-in is <strong>off</strong>. ${page.required ? 'Your role requires it: set it up now.' : 'Turn it on to sign in with your password and a code from your phone.'}</p>
${formError(page.error)}
${postForm(
  '/account/two-factor/setup',
  page.frame.csrfToken,
  html`${page.hasPassword ? field({ id: 'f-setup-password', label: 'Your password', name: 'password', type: 'password', required: true, autocomplete: 'current-password', hint: 'Asked again, so that a browser left signed in cannot tie your account to someone else’s phone.' }) : null}<div class="actions"><button type="submit">Set up two-factor sign-in</button></div>`,
)}`;
}

function setupSection(page: TwoFactorPage): Html {
  return html`<h2>Set up an authenticator app</h2>
${totpSetupForm({ action: '/account/two-factor/confirm', csrfToken: page.frame.csrfToken, setup: page.setup!, error: page.error })}`;
}

function enrolledSection(page: TwoFactorPage): Html {
  const codeField = (id: string, hint: string) =>
    field({ id, label: 'Current code from the app', name: 'code', required: true, autocomplete: 'one-time-code', hint });
  return html`<p>Two-factor sign-in is <strong>on</strong>. You have <strong id="recovery-codes-left">${String(page.status.recoveryCodesLeft)}</strong> unused recovery codes.</p>
${formError(page.error)}
<h2>New recovery codes</h2>
${postForm('/account/two-factor/recovery-codes', page.frame.csrfToken, html`${codeField('f-renew-code', 'The old recovery codes stop working.')}<div class="actions"><button type="submit" class="secondary">Make new recovery codes</button></div>`)}
<h2>Turn off</h2>
${
  page.required
    ? html`<p>Your role requires two-factor sign-in, so it cannot be turned off.</p>`
    : postForm(
        '/account/two-factor/disable',
        page.frame.csrfToken,
        html`${codeField('f-disable-code', 'You then sign in with your password alone.')}<div class="actions"><button type="submit" class="danger">Turn off two-factor sign-in</button></div>`,
      )
}`;
}

import { formError, notice, postForm } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field } from '../../html/layout';
import { ownPasswordRules } from '../../users/passwords/password.policy';
import { AccountFrame, accountLayout } from './account-layout';

export interface PasswordPage {
  frame: Omit<AccountFrame, 'title' | 'section'>;
  errors?: { current_password?: string; new_password?: string; _form?: string };
  notice?: string | null;
}

/** `/account/password`: the current password, then the new one; no composition rules, only the policy's. */
export function passwordPage(page: PasswordPage): Html {
  const errors = page.errors ?? {};
  return accountLayout(
    { ...page.frame, title: 'Change password', section: 'password' },
    html`
<section class="card narrow">
  <h1>Change password</h1>
  ${notice(page.notice)}
  ${formError(errors._form)}
  <p>A phrase of several words is easiest to remember. Changing it signs you out everywhere else and ends your applications' tokens and your personal access tokens; your read-only API keys keep working.</p>
  ${postForm(
    '/account/password',
    page.frame.csrfToken,
    html`
    ${field({ label: 'Current password', name: 'current_password', type: 'password', required: true, autocomplete: 'current-password', error: errors.current_password })}
    ${field({ label: 'New password', name: 'new_password', type: 'password', required: true, autocomplete: 'new-password', error: errors.new_password, hint: ownPasswordRules(page.frame.isAdmin) })}
    <div class="actions"><button type="submit">Change password</button></div>`,
  )}
</section>`,
  );
}

import { csrfField, formError } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field, layout } from '../../html/layout';

export interface LoginForm {
  csrfToken: string;
  returnTo: string;
  username?: string;
  error?: string | null;
}

/** The sign-in page: user name and password, one generic error (never which of the two was wrong). */
export function loginPage(form: LoginForm): Html {
  return layout(
    { title: 'Sign in' },
    html`<section class="card narrow">
  <h1>Sign in to Tessera</h1>
  ${formError(form.error)}
  <form method="post" action="/login" novalidate>
    ${csrfField(form.csrfToken)}
    <input type="hidden" name="return_to" value="${form.returnTo}">
    ${field({ label: 'User name', name: 'username', value: form.username, required: true, autocomplete: 'username' })}
    ${field({ label: 'Password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' })}
    <div class="actions"><button type="submit">Sign in</button></div>
  </form>
</section>`,
  );
}

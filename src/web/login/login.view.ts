import { csrfField, formError } from '../../html/controls';
import { Html, html } from '../../html/html';
import { field, layout } from '../../html/layout';

/** A company sign-in offered on the login page. */
export interface SignInOption {
  id: string;
  name: string;
}

export interface LoginForm {
  csrfToken: string;
  returnTo: string;
  username?: string;
  error?: string | null;
  /** Enabled upstream providers: one "Sign in with …" button each, and the e-mail field for home-realm discovery. */
  providers?: SignInOption[];
  email?: string;
  /** Passed on to the provider: sign in afresh (`prompt=login`), within `max_age` seconds. */
  upstream?: { forceLogin: boolean; maxAge: string | null };
}

/** The sign-in page: user name and password, one generic error (never which of the two was wrong). */
export function loginPage(form: LoginForm): Html {
  return layout(
    { title: 'Sign in' },
    html`<section class="card narrow">
  <h1>Sign in to Tessera</h1>
  ${formError(form.error)}
  ${companySignIn(form)}
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

/** Issue 15: the company's identity providers, and an e-mail field that picks the right one (home-realm discovery). */
function companySignIn(form: LoginForm): Html | null {
  const providers = form.providers ?? [];
  if (providers.length === 0) return null;
  const fresh = `${form.upstream?.forceLogin ? '&prompt=login' : ''}${form.upstream?.maxAge ? `&max_age=${form.upstream.maxAge}` : ''}`;
  const returnTo = encodeURIComponent(form.returnTo) + fresh;
  return html`<div class="company-sign-in">
  <ul class="providers">
    ${providers.map((p) => html`<li><a class="button secondary" href="/login/federation/${p.id}?return_to=${returnTo}">Sign in with ${p.name}</a></li>`)}
  </ul>
  <form method="get" action="/login/federation" novalidate>
    <input type="hidden" name="return_to" value="${form.returnTo}">
    ${field({ label: 'Work e-mail', name: 'email', type: 'email', value: form.email, autocomplete: 'email', hint: 'Your company account is found from your e-mail address.' })}
    <div class="actions"><button type="submit" class="secondary">Continue with my company account</button></div>
  </form>
  <p><small>Or sign in with your Tessera user name and password:</small></p>
</div>`;
}

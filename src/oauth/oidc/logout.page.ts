import { csrfField } from '../../html/controls';
import { Html, html } from '../../html/html';
import { layout } from '../../html/layout';

export interface LogoutParams {
  client_id?: string;
  post_logout_redirect_uri?: string;
  state?: string;
  id_token_hint?: string;
}

/** "Sign out of Tessera?": the request's parameters carried in a POST form with its CSRF token. */
export function confirmLogoutPage(params: LogoutParams, csrfToken: string): Html {
  const hidden = Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return layout(
    { title: 'Sign out' },
    html`<section class="card narrow">
  <h1>Sign out of Tessera?</h1>
  <p>An application asked Tessera to sign you out. Sign out only if you meant to.</p>
  <form method="post" action="/oauth2/logout">
    ${csrfField(csrfToken)}
    ${hidden.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
    <div class="actions"><button type="submit">Sign out</button> <a href="/account">Stay signed in</a></div>
  </form>
</section>`,
  );
}

/**
 * `back`: a link to the application's registered post-logout page, which the person follows
 * herself. `signedOut` false: nothing was ended (the request was refused before).
 */
export function signedOutPage(error: string | null, back: { name: string; href: string } | null = null, signedOut = true): Html {
  return layout(
    { title: signedOut ? 'Signed out' : 'Sign out' },
    html`<section class="card narrow">
  <h1>${signedOut ? 'You are signed out' : 'Nothing was signed out'}</h1>
  ${error ? html`<p class="error" role="alert">${error}</p>` : null}
  ${back ? html`<p><a href="${back.href}">Return to ${back.name}</a></p>` : null}
  <p><a href="/login">Sign in again</a></p>
</section>`,
  );
}

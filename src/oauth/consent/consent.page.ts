import { csrfField } from '../../html/controls';
import { Html, html } from '../../html/html';
import { layout } from '../../html/layout';
import type { AuthorizationRequest } from '../authorize/authorization-request';
import { scopeSentence } from '../../users/scopes';

export interface ConsentPageInput {
  request: AuthorizationRequest;
  scopes: readonly string[];
  username: string;
  csrfToken: string;
}

/**
 * The consent page: which application asks, what it may do in words, who is signed in
 * (with "Not you?"), Allow / Deny. Posts to `/consent`, which checks the whole request again.
 */
export function consentPage({ request, scopes, username, csrfToken }: ConsentPageInput): Html {
  const hidden: Record<string, string | null> = {
    client_id: request.client.clientId,
    redirect_uri: request.redirectUri,
    scope: scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: request.codeChallenge ? 'S256' : null,
    nonce: request.nonce,
    response_type: 'code',
  };
  const present = Object.entries(hidden).filter((entry): entry is [string, string] => entry[1] !== null);
  const again = `/oauth2/authorize?${new URLSearchParams(present).toString()}`;
  const name = request.client.name;
  return layout(
    { title: `Allow ${name}?` },
    html`<section class="card narrow consent">
  <div class="signed-in">Signed in as <strong>${username}</strong>.
    <form method="post" action="/logout" class="inline">${csrfField(csrfToken)}<input type="hidden" name="return_to" value="${again}"><button type="submit" class="link">Not you? Sign out</button></form>
  </div>
  <h1><span class="app-name">${name}</span> wants to access your Tessera account</h1>
  ${request.client.description ? html`<p class="app-description">${request.client.description}</p>` : null}
  <h2>If you allow it, ${name} can:</h2>
  <ul class="scopes">${scopes.map((scope) => html`<li>${scopeSentence(scope)} <small class="hint-inline">(${scope})</small></li>`)}</ul>
  <p class="hint">It acts with your rights and never sees your password. You can revoke this at any time in your account under <a href="/account/authorized">Authorized applications</a>.</p>
  <p class="hint">You will be sent back to <code class="wrap">${request.redirectUri}</code>.</p>
  <form method="post" action="/consent">
    ${csrfField(csrfToken)}
    ${present.map(([field, value]) => html`<input type="hidden" name="${field}" value="${value}">`)}
    <div class="actions">
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
    </div>
  </form>
</section>`,
  );
}

/** A 400 page for a request that cannot be sent back to the client (unknown client, bad redirect URI). */
export function authorizationErrorPage(message: string): Html {
  return layout(
    { title: 'Authorization error' },
    html`<section class="card narrow">
  <h1>This authorization request cannot be completed</h1>
  <p class="error" role="alert">${message}</p>
  <p>For your safety Tessera did not send you back to the application. Go back to it and try again; if this keeps happening, tell its developer (the link they use to sign in with Tessera is wrong).</p>
  <p><a href="/account">Go to your Tessera account</a></p>
</section>`,
  );
}

import { SCOPES, Scope } from '../../auth/scopes';
import { Html, html } from '../../web/views/html';
import { layout } from '../../web/views/layout';
import type { AuthorizationRequest } from '../authorize/authorization-request';

export interface ConsentPageInput {
  request: AuthorizationRequest;
  scopes: readonly string[];
  username: string;
  csrfToken: string;
}

/** The consent page (seed 003): who asks, for what in words, Allow / Deny. Posts to `/consent`. */
export function consentPage({ request, scopes, username, csrfToken }: ConsentPageInput): Html {
  const hidden: Record<string, string | null> = {
    client_id: request.client.clientId, redirect_uri: request.redirectUri, scope: scopes.join(' '), state: request.state,
    code_challenge: request.codeChallenge, code_challenge_method: request.codeChallenge ? 'S256' : null, nonce: request.nonce, response_type: 'code',
  };
  return layout({ title: 'Allow access?', username, csrfToken }, html`<section class="card narrow">
  <h1>Allow ${request.client.name} to access your account?</h1>
  ${request.client.description ? html`<p>${request.client.description}</p>` : null}
  <p>Signed in as <strong>${username}</strong>. ${request.client.name} asks to:</p>
  <ul class="scopes">${scopes.map((scope) => html`<li><strong>${scope}</strong>: ${SCOPES[scope as Scope] ?? scope}</li>`)}</ul>
  <p><small>It will be sent back to <code>${request.redirectUri}</code>.</small></p>
  <form method="post" action="/consent">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    ${Object.entries(hidden).map(([name, value]) => (value === null ? null : html`<input type="hidden" name="${name}" value="${value}">`))}
    <div class="actions">
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
    </div>
  </form>
</section>`);
}

/** A 400 page for a request that cannot be sent back to the client (unknown client, bad redirect URI). */
export function authorizationErrorPage(message: string): Html {
  return layout({ title: 'Authorization error' }, html`<section class="card narrow">
  <h1>This authorization request cannot be completed</h1>
  <p class="error" role="alert">${message}</p>
  <p>Go back to the application and try again, or contact its developer.</p>
</section>`);
}

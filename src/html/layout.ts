import { Html, html, HtmlValue } from './html';

export interface LayoutOptions {
  title: string;
  /** The signed-in person, shown in the header with a sign-out form. */
  username?: string | null;
  /** The CSRF token for the header's sign-out form; signed in, also the API's X-CSRF-Token (`<meta name="csrf-token">`). */
  csrfToken?: string;
  isAdmin?: boolean;
}

/** The page frame every console page shares: one stylesheet, no script, readable on a phone. */
export function layout(options: LayoutOptions, body: HtmlValue): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} – Tessera</title>
${options.username && options.csrfToken ? html`<meta name="csrf-token" content="${options.csrfToken}">` : null}
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="/assets/tessera.css">
<script src="/assets/copy.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/account">Tessera</a>
  ${options.username ? navigation(options) : null}
</header>
<main>
${body}
</main>
</body>
</html>`;
}

function navigation(options: LayoutOptions): Html {
  return html`<nav>
    <a href="/account">Account</a>
    ${options.isAdmin ? html`<a href="/admin">Admin</a>` : null}
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="_csrf" value="${options.csrfToken ?? ''}">
      <button type="submit" class="link">Sign out ${options.username}</button>
    </form>
  </nav>`;
}

/** A labelled form field with its error shown beside it. */
export function field(options: {
  label: string;
  name: string;
  type?: string;
  value?: string | null;
  error?: string | null;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  /** When a page has two fields of one name (two forms), one of them needs its own id. */
  id?: string;
}): Html {
  const id = options.id ?? `f-${options.name}`;
  return html`<div class="field${options.error ? ' has-error' : ''}">
  <label for="${id}">${options.label}</label>
  <input id="${id}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value ?? ''}"${options.required ? html` required` : null}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : null}${options.error ? html` aria-invalid="true" aria-describedby="${id}-error"` : null}>
  ${options.hint ? html`<small class="hint">${options.hint}</small>` : null}
  ${options.error ? html`<p class="field-error" id="${id}-error">${options.error}</p>` : null}
</div>`;
}

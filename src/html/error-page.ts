import { escapeHtml } from './html';

/** What the error page shows: the status, a machine code and a message safe to show. */
export interface PageError {
  status: number;
  code: string;
  message: string;
}

const HEADINGS: Record<number, string> = {
  400: 'This request cannot be completed',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'This change cannot be made',
  429: 'Too many attempts',
  502: 'The sign-in provider is not answering',
  503: 'Tessera is briefly unavailable',
};

/**
 * A plain, self-contained error page for the browser-facing routes: what happened and where to go.
 * Someone signed in is sent back to their account, never offered "Sign in" again.
 */
export function renderErrorPage(error: PageError, visitor: { signedIn: boolean }): string {
  const way = visitor.signedIn ? '<a href="/account">Back to your account</a>' : '<a href="/login">Sign in</a>';
  const heading = HEADINGS[error.status] ?? 'Something went wrong';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} – Tessera</title><link rel="stylesheet" href="/assets/tessera.css"></head>
<body><header class="top"><a class="brand" href="/account">Tessera</a></header>
<main><section class="card narrow"><h1>${escapeHtml(heading)}</h1><p class="error" role="alert">${escapeHtml(error.message)}</p>
<p><small>Error ${error.status}: ${escapeHtml(error.code)}</small></p><p>${way}</p></section></main></body></html>`;
}

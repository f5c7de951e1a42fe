import type { ErrorBody } from './error-dialect';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A plain, self-contained error page for the browser-facing routes. */
export function renderErrorPage(error: ErrorBody): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error – Tessera</title><link rel="stylesheet" href="/assets/tessera.css"></head>
<body><main class="card"><h1>Something went wrong</h1><p class="error" role="alert">${escapeHtml(error.message)}</p>
<p><small>Error code: ${escapeHtml(error.code)}</small></p><p><a href="/account">Back to your account</a></p></main></body></html>`;
}

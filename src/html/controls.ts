import { Html, html, HtmlValue } from './html';

/** The name of the form field that carries the CSRF token (checked by the auth module's CsrfService). */
export const CSRF_FIELD = '_csrf';

/** The hidden CSRF field every form carries. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

/** A POST form with its CSRF field. */
export function postForm(action: string, csrfToken: string, body: HtmlValue, className = ''): Html {
  return html`<form method="post" action="${action}"${className ? html` class="${className}"` : null}>${csrfField(csrfToken)}${body}</form>`;
}

/**
 * A destructive action behind a second click, without JavaScript: the first button (a `<summary>`)
 * only opens what it will do and the button that does it; closing it again leaves everything as it was.
 */
export function confirmedAction(options: {
  action: string;
  csrfToken: string;
  /** The first button's text, e.g. "Revoke"; `label` names it for assistive technology, e.g. "Revoke Excel report". */
  text: string;
  label: string;
  consequence: string;
  confirm: string;
  small?: boolean;
}): Html {
  const size = options.small ? ' small' : '';
  return html`<details class="confirm${size}">
  <summary class="button danger${size}" aria-label="${options.label}">${options.text}</summary>
  <div class="confirm-box" role="group" aria-label="${options.label}">${postForm(
    options.action,
    options.csrfToken,
    html`<p>${options.consequence}</p><button type="submit" class="danger${size}">${options.confirm}</button>`,
  )}</div>
</details>`;
}

/** A group of checkboxes with one legend, and its error beside it. */
export function checkboxes(options: {
  legend: string;
  name: string;
  choices: readonly { value: string; label: string; hint?: string; className?: string }[];
  checked: readonly string[];
  error?: string | null;
}): Html {
  const id = `f-${options.name}`;
  const grid = options.choices.length > 4 && !options.choices.some((choice) => choice.hint) ? ' grid' : '';
  return html`<fieldset class="field${grid}${options.error ? ' has-error' : ''}" id="${id}"${options.error ? html` aria-describedby="${id}-error"` : null}>
  <legend>${options.legend}</legend>
  ${options.choices.map((choice, i) => html`<label class="check${choice.className ? ` ${choice.className}` : ''}"><input type="checkbox" name="${options.name}" value="${choice.value}" id="${id}-${i}"${options.checked.includes(choice.value) ? html` checked` : null}> ${choice.label}${choice.hint ? html` <small class="hint-inline">${choice.hint}</small>` : null}</label>`)}
  ${options.error ? html`<p class="field-error" id="${id}-error">${options.error}</p>` : null}
</fieldset>`;
}

/** A single checkbox with its label. */
export function checkbox(options: { label: string; name: string; checked: boolean; hint?: string; error?: string | null }): Html {
  const id = `f-${options.name}`;
  return html`<div class="field${options.error ? ' has-error' : ''}">
  <label class="check" for="${id}"><input type="checkbox" id="${id}" name="${options.name}" value="true"${options.checked ? html` checked` : null}> ${options.label}</label>
  ${options.hint ? html`<small class="hint">${options.hint}</small>` : null}
  ${options.error ? html`<p class="field-error">${options.error}</p>` : null}
</div>`;
}

/** A labelled select. */
export function select(options: {
  label: string;
  name: string;
  choices: readonly { value: string; label: string }[];
  value: string;
  error?: string | null;
  id?: string;
}): Html {
  const id = options.id ?? `f-${options.name}`;
  return html`<div class="field${options.error ? ' has-error' : ''}">
  <label for="${id}">${options.label}</label>
  <select id="${id}" name="${options.name}">${options.choices.map((choice) => html`<option value="${choice.value}"${choice.value === options.value ? html` selected` : null}>${choice.label}</option>`)}</select>
  ${options.error ? html`<p class="field-error">${options.error}</p>` : null}
</div>`;
}

/** A secret shown once, with a copy button (the button needs the small copy script; the text is selectable without it). */
export function secretOnce(label: string, secret: string, id = 'new-secret', before: HtmlValue = null): Html {
  return html`<div class="card once" role="status">
  ${before}<p><strong>${label}</strong> It is shown only this once: copy it now and keep it somewhere safe.</p>
  <p class="secret" id="${id}">${secret}</p>
  <button type="button" class="secondary copy" data-copy="${id}" hidden>Copy</button>
</div>`;
}

/** A short, readable date-time in UTC, or a dash. */
export function when(date: Date | string | null | undefined): string {
  if (!date) return '—';
  const value = typeof date === 'string' ? new Date(date) : date;
  return `${value.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A notice above a page's content, e.g. after a change was saved. */
export function notice(text: string | null | undefined): Html | null {
  return text ? html`<p class="notice" role="status">${text}</p>` : null;
}

/** An error that belongs to the whole form, not one field. */
export function formError(text: string | null | undefined): Html | null {
  return text ? html`<p class="error" role="alert">${text}</p>` : null;
}

/** A labelled multi-line field (e.g. one URI per line) with its hint and error. */
export function textarea(options: {
  label: string;
  name: string;
  value?: string | null;
  error?: string | null;
  hint?: string;
  rows?: number;
  required?: boolean;
}): Html {
  const id = `f-${options.name}`;
  return html`<div class="field${options.error ? ' has-error' : ''}">
  <label for="${id}">${options.label}</label>
  <textarea id="${id}" name="${options.name}" rows="${options.rows ?? 3}" spellcheck="false"${options.required ? html` required` : null}${options.error ? html` aria-invalid="true" aria-describedby="${id}-error"` : null}>${options.value ?? ''}</textarea>
  ${options.hint ? html`<small class="hint">${options.hint}</small>` : null}
  ${options.error ? html`<p class="field-error" id="${id}-error">${options.error}</p>` : null}
</div>`;
}

/** Radio buttons with one legend, and its error beside it. */
export function radios(options: {
  legend: string;
  name: string;
  choices: readonly { value: string; label: string; hint?: string }[];
  value: string;
  error?: string | null;
}): Html {
  const id = `f-${options.name}`;
  return html`<fieldset class="field${options.error ? ' has-error' : ''}" id="${id}">
  <legend>${options.legend}</legend>
  ${options.choices.map((choice, i) => html`<label class="check"><input type="radio" name="${options.name}" value="${choice.value}" id="${id}-${i}"${choice.value === options.value ? html` checked` : null}> ${choice.label}${choice.hint ? html` <small class="hint-inline">${choice.hint}</small>` : null}</label>`)}
  ${options.error ? html`<p class="field-error">${options.error}</p>` : null}
</fieldset>`;
}

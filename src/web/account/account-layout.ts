import { Html, html, HtmlValue } from '../../html/html';
import { layout } from '../../html/layout';

export interface AccountFrame {
  title: string;
  username: string;
  csrfToken: string;
  isAdmin: boolean;
  section: 'keys' | 'apps' | 'authorized' | 'sessions' | 'password' | 'two-factor';
}

const SECTIONS: [AccountFrame['section'], string, string][] = [
  ['keys', '/account', 'Keys and tokens'],
  ['apps', '/account/apps', 'My apps'],
  ['authorized', '/account/authorized', 'Authorized apps'],
  ['sessions', '/account/sessions', 'Sessions'],
  ['password', '/account/password', 'Password'],
  ['two-factor', '/account/two-factor', 'Two-factor'],
];

/** Every page of a person's account: the console frame and the section tabs. */
export function accountLayout(frame: AccountFrame, body: HtmlValue): Html {
  return layout(
    { title: frame.title, username: frame.username, csrfToken: frame.csrfToken, isAdmin: frame.isAdmin },
    html`
<nav class="tabs" aria-label="Your account">
  ${SECTIONS.map(([id, href, label]) => html`<a href="${href}"${id === frame.section ? html` aria-current="page"` : null}>${label}</a>`)}
</nav>
${body}`,
  );
}

import { Html, html, HtmlValue } from '../../html/html';
import { layout } from '../../html/layout';

export interface AdminFrame {
  title: string;
  username: string;
  csrfToken: string;
  section: 'users' | 'api-users' | 'roles' | 'identity-providers' | 'audit';
}

const SECTIONS: [AdminFrame['section'], string, string][] = [
  ['users', '/admin/users', 'People'],
  ['api-users', '/admin/api-users', 'API users'],
  ['roles', '/admin/roles', 'Roles and scopes'],
  ['identity-providers', '/admin/identity-providers', 'Identity providers'],
  ['audit', '/admin/audit', 'Audit log'],
];

/** Every administration page: the console frame and the section tabs. */
export function adminLayout(frame: AdminFrame, body: HtmlValue): Html {
  return layout(
    { title: frame.title, username: frame.username, csrfToken: frame.csrfToken, isAdmin: true },
    html`
<nav class="tabs" aria-label="Administration">
  ${SECTIONS.map(([id, href, label]) => html`<a href="${href}"${id === frame.section ? html` aria-current="page"` : null}>${label}</a>`)}
</nav>
${body}`,
  );
}

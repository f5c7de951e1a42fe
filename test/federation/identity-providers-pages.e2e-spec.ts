import { startTestApp, TestApp } from '../support/test-app';
import { adminBrowser, personBrowser } from '../web/pages-support';
import type { FormClient } from '../web/browser-like';

/** `/admin/identity-providers` (issue 15): the console page over the same rules as the admin API. */
describe('AdminIdentityProvidersPageController (/admin/identity-providers)', () => {
  let t: TestApp;
  let admin: FormClient;

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_SECRET: 'identity-provider-pages-secret-0123' });
    admin = await adminBrowser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const fields = {
    name: 'Contoso',
    issuer: 'https://login.microsoftonline.com/contoso-tenant/v2.0',
    client_id: 'contoso-app',
    client_secret: 'contoso-secret-value-0123456789',
    scopes: 'openid profile email',
    domains: 'contoso.com contoso.de',
    required: 'true',
    enabled: 'true',
    username_claim: 'preferred_username',
    email_claim: 'email',
    groups_claim: 'roles',
    group_mappings: 'Tessera.Admins = Administrator\nTessera.Planners = Consumer; 01:read',
  };

  it('adds a provider and shows the redirect URI to register there, never the secret', async () => {
    await admin.get('/admin/identity-providers');
    const created = await admin.post('/admin/identity-providers', fields);
    expect(created.status).toBe(303);
    const page = await admin.get('/admin/identity-providers?notice=saved');
    expect(page.text).toContain('Contoso');
    expect(page.text).toMatch(new RegExp(`${t.url}/login/federation/[0-9a-f-]{36}/callback`));
    expect(page.text).toContain('contoso.com, contoso.de');
    expect(page.text).toContain('Tessera.Planners = Consumer; 01:read');
    expect(page.text).toContain('(secret stored, encrypted)');
    expect(page.text).not.toContain(fields.client_secret);
    const [row] = await t.dataSource.query('SELECT required, claim_mapping FROM identity_providers');
    expect(Boolean(Number(row.required))).toBe(true);
    expect(JSON.parse(row.claim_mapping).groups_claim).toBe('roles');
  });

  it('shows a bad group rule beside its field and keeps what was typed', async () => {
    await admin.get('/admin/identity-providers');
    const res = await admin.post('/admin/identity-providers', {
      ...fields,
      domains: 'other.example',
      group_mappings: 'Admins Administrator',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('group_mappings line 1 must read like');
    expect(res.text).toContain('value="other.example"');
  });

  it('edits a provider, keeping the stored secret when the field is left empty', async () => {
    const list = await admin.get('/admin/identity-providers');
    const id = /\/admin\/identity-providers\/([0-9a-f-]{36})"/.exec(list.text)![1];
    await admin.get(`/admin/identity-providers/${id}`);
    const saved = await admin.post(`/admin/identity-providers/${id}`, {
      ...fields,
      name: 'Contoso Entra',
      client_secret: '',
      required: [],
    });
    expect(saved.status).toBe(303);
    const page = await admin.get('/admin/identity-providers');
    expect(page.text).toContain('Contoso Entra');
    expect(page.text).toContain('(secret stored, encrypted)');
    const [row] = await t.dataSource.query('SELECT required FROM identity_providers WHERE id = ?', [id]);
    expect(Boolean(Number(row.required))).toBe(false);
  });

  it('is for administrators only', async () => {
    const person = await personBrowser(t, 'pablo', 'pablo-password-123');
    const res = await person.get('/admin/identity-providers');
    expect(res.status).toBe(403);
  });
});

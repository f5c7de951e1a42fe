import request from 'supertest';
import { createPerson } from '../oauth/oauth-fixtures';
import { consoleHeaders } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { adminApi, COMPANY_CLIENT, companySettings } from './federation-support';

/** `/api/admin/identity-providers` (issue 15): administrators only, secrets sealed and never shown, audited, no restart. */
describe('AdminIdentityProvidersController (/api/admin/identity-providers)', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminApi>>;

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_SECRET: 'identity-providers-secret-0123456789' });
    admin = await adminApi(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a provider and never answers with its client secret, only client_secret_set', async () => {
    const res = await admin.create(companySettings('https://login.company.example/')).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Company',
      issuer: 'https://login.company.example',
      client_id: COMPANY_CLIENT.id,
      client_secret_set: true,
      scopes: ['openid', 'profile', 'email', 'groups'],
      domains: ['company.example'],
      required: false,
      enabled: true,
      username_claim: 'preferred_username',
      email_claim: 'email',
      groups_claim: 'groups',
      group_mappings: [
        { value: 'tessera-admins', roles: ['Administrator'], database_access: {} },
        { value: 'planners', roles: ['Consumer'], database_access: { '01': 'write' } },
      ],
      redirect_uri: `${t.url}/login/federation/${res.body.id}/callback`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const listed = await admin.list().expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(COMPANY_CLIENT.secret);
    await admin.remove(res.body.id).expect(204);
  });

  it('keeps the client secret encrypted at rest and out of the audit log', async () => {
    const created = (await admin.create({ ...companySettings('https://sealed.example'), domains: ['sealed.example'] }).expect(201)).body;
    const [row] = await t.dataSource.query('SELECT client_secret_sealed FROM identity_providers WHERE id = ?', [created.id]);
    expect(row.client_secret_sealed).toMatch(/^v1\./);
    expect(row.client_secret_sealed).not.toContain(COMPANY_CLIENT.secret);
    const audit = await t.dataSource.query("SELECT event, details FROM audit_events WHERE event LIKE 'identity-provider.%'");
    expect(audit.map((entry: { event: string }) => entry.event)).toContain('identity-provider.created');
    expect(JSON.stringify(audit)).not.toContain(COMPANY_CLIENT.secret);

    const cleared = await admin.update(created.id, { client_secret: null }).expect(200);
    expect(cleared.body.client_secret_set).toBe(false);
    await admin.remove(created.id).expect(204);
  });

  it('changes take effect without a restart: the login page shows the new name at once', async () => {
    const created = (await admin.create({ ...companySettings('https://renamed.example'), domains: ['renamed.example'] }).expect(201)).body;
    await admin.update(created.id, { name: 'Contoso' }).expect(200);
    expect((await request(t.url).get('/login').expect(200)).text).toContain('Sign in with Contoso');
    await admin.update(created.id, { enabled: false }).expect(200);
    expect((await request(t.url).get('/login').expect(200)).text).not.toContain('Sign in with Contoso');
    await admin.remove(created.id).expect(204);
  });

  it.each([
    [{ issuer: 'not a url' }, 'issuer must be an http(s) URL'],
    [{ domains: ['not a domain'] }, 'each domain must be a domain name'],
    [{ group_mappings: [{ value: 'x', roles: ['No Such Role'] }] }, 'names a role that does not exist'],
    [{ group_mappings: [{ value: 'x', roles: [], database_access: { '01': 'admin' } }] }, 'database_access must be an object'],
  ])('refuses %j with 400 naming the problem', async (change, message) => {
    const res = await admin.create({ ...companySettings('https://bad.example'), domains: ['bad.example'], ...change });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(message);
  });

  it('refuses a domain another provider already serves (409)', async () => {
    const first = (await admin.create({ ...companySettings('https://first.example'), domains: ['shared.example'] }).expect(201)).body;
    const res = await admin.create({ ...companySettings('https://second.example'), domains: ['Shared.example'] });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('"shared.example" is already served by the provider "Company"');
    await admin.remove(first.id).expect(204);
  });

  it('is for administrators only', async () => {
    const person = await createPerson(t, 'petra');
    const headers = consoleHeaders(t, person.cookie);
    expect((await request(t.url).get('/api/admin/identity-providers').set(headers)).status).toBe(403);
    expect(
      (await request(t.url).post('/api/admin/identity-providers').set(headers).send(companySettings('https://x.example'))).status,
    ).toBe(403);
    expect((await request(t.url).get('/api/admin/identity-providers')).status).toBe(401);
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { adminApi, COMPANY_CLIENT, companySettings } from '../../federation/federation-support';

/**
 * F21 (low: needs `admin`). The company's client secret at an identity provider is stored sealed
 * and never answered. Changing only the provider's `issuer` kept it, so the next sign-in presented
 * it (Basic, at the token endpoint) to whatever server the new URL named: any holder of `admin`,
 * a third-party application with a consented `admin` token included, could read it there. Found
 * by a review session; seen failing on d9458bd: `PATCH {"issuer": …}` alone answered 200.
 */
describe('F21: a new issuer never receives the secret the old one issued', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof adminApi>>;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_SECRET: 'federation-tests-secret-0123456789' });
    admin = await adminApi(t);
    id = (await admin.create(companySettings('http://127.0.0.1:3801')).expect(201)).body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a new issuer without a client_secret, naming the field, and changes nothing', async () => {
    const res = await admin.update(id, { issuer: 'http://127.0.0.1:3802' }).expect(400);
    expect(JSON.stringify(res.body)).toMatch(/client_secret/);
    const [provider] = (await admin.list().expect(200)).body;
    expect(provider).toMatchObject({ issuer: 'http://127.0.0.1:3801', client_secret_set: true });
  });

  it('takes a new issuer with its own secret, or with null for a public client, and other changes without one', async () => {
    await admin.update(id, { name: 'Company (renamed)' }).expect(200);
    await admin.update(id, { issuer: 'http://127.0.0.1:3802', client_secret: `${COMPANY_CLIENT.secret}-new` }).expect(200);
    const moved = await admin.update(id, { issuer: 'http://127.0.0.1:3803', client_secret: null }).expect(200);
    expect(moved.body).toMatchObject({ issuer: 'http://127.0.0.1:3803', client_secret_set: false });
    await request(t.url).get('/api/admin/identity-providers').set(admin.headers).expect(200);
  });
});

import request from 'supertest';
import { Role } from '../../../src/users/entities/role.entity';
import { startTestApp, TestApp } from '../../support/test-app';
import { FormClient } from '../../web/browser-like';
import { personBrowser } from '../../web/pages-support';

/**
 * F22 (medium). Minting in a person's name (API keys, PATs, applications) needs `account`
 * (DESIGN §10); the rule sat only on the JSON controllers. Rita's role gives `read` alone: the API
 * refused her (403 insufficient_scope), but the console's own forms minted a PAT and a
 * client-credentials application for her, credentials an operator who withholds `account` (for
 * example from federated people, whose leaving is handled at their company) does not expect to
 * outlive the session. Found by a review session; seen failing on 644c597: `/account/keys` answered
 * 200 with a `tpat_` token and `/account/apps` 201 with a client secret. The rule now lives in the
 * facades both doors share; the form answers again, saying the scope is missing.
 */
describe('F22: the console mints keys and applications only for a person holding account', () => {
  let t: TestApp;
  let rita: FormClient;
  beforeAll(async () => {
    t = await startTestApp();
    await t.dataSource.getRepository(Role).save({ name: 'Reader', scopes: ['read'], isDefault: false, createdAt: new Date() });
    rita = await personBrowser(t, 'rita', 'rita-password-1', ['Reader']);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The form page again (400), saying what is missing, as for any refused form. */
  const refusedOnTheForm = (res: { status: number; text: string }) => {
    expect(res.status).toBe(400);
    expect(res.text).toContain('This request needs the scope &quot;account&quot;');
  };

  const countOf = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('refuses a personal access token and an API key from the account page, creating nothing', async () => {
    const keys = await countOf('api_keys');
    await rita.get('/account');
    const pat = await rita.post('/account/keys', { name: 'k2', type: 'personal_token', scopes: ['read'] });
    refusedOnTheForm(pat);
    expect(pat.text).not.toMatch(/tpat_|tsk_/);
    await rita.get('/account');
    refusedOnTheForm(await rita.post('/account/keys', { name: 'k3', type: 'api_key', scopes: ['read'] }));
    expect(await countOf('api_keys')).toBe(keys);
  });

  it('refuses an application from the apps page, creating nothing', async () => {
    const clients = await countOf('clients');
    await rita.get('/account/apps');
    const app = await rita.post('/account/apps', {
      name: 'ritaapp',
      redirect_uris: 'https://rita.example/cb',
      client_type: 'confidential',
      grant_types: ['client_credentials'],
      scopes: ['read'],
    });
    refusedOnTheForm(app);
    expect(app.text).not.toMatch(/tcs_/);
    expect(await countOf('clients')).toBe(clients);
  });

  it('still shows her pages, and a person holding account still mints from them', async () => {
    expect((await rita.get('/account')).status).toBe(200);
    expect((await rita.get('/account/apps')).status).toBe(200);
    const mia = await personBrowser(t, 'mia', 'mia-password-1');
    await mia.get('/account');
    const res = await mia.post('/account/keys', { name: 'Power BI', type: 'api_key', scopes: ['read'] });
    expect(res.status).toBe(200);
    const key = /(tsk_[A-Za-z0-9_-]{43})/.exec(res.text)![1];
    await request(t.url)
      .get('/api/me')
      .set('Authorization', `Basic ${Buffer.from(`:${key}`).toString('base64')}`)
      .expect(200);
  });
});

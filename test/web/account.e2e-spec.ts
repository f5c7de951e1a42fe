import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { FormClient } from './browser-like';
import { personBrowser } from './pages-support';

describe('AccountController (/account)', () => {
  let t: TestApp;
  let browser: FormClient;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await personBrowser(t, 'mia', 'mia-password-1');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the person, their keys and the exact Excel / Power BI steps', async () => {
    const res = await browser.get('/account');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Signed in as <strong>mia</strong>');
    expect(res.text).toContain('Data → Get Data → From OData Feed');
    expect(res.text).toContain(`<code>${t.url}/odata/01/</code>`);
    expect(res.text).toContain('<strong>Basic</strong>');
    expect(res.text).toContain('<code>apikey</code>');
    expect(res.text).toMatch(/<label for="f-name">Name<\/label>/);
  });

  it('creates an API key, shows it once with a copy button, and the key works', async () => {
    await browser.get('/account');
    const res = await browser.post('/account/keys', { name: 'Power BI', type: 'api_key', scopes: ['read'] });
    expect(res.status).toBe(200);
    const key = /<p class="secret" id="new-secret">(tsk_[A-Za-z0-9_-]{43})<\/p>/.exec(res.text)![1];
    expect(res.text).toContain('data-copy="new-secret"');
    expect(res.headers['cache-control']).toBe('no-store');
    await request(t.url)
      .get('/api/me')
      .set('Authorization', `Basic ${Buffer.from(`:${key}`).toString('base64')}`)
      .expect(200);
    const again = await browser.get('/account');
    expect(again.text).not.toContain(key);
    expect(again.text).toContain('Power BI');
    expect(again.text).toMatch(/Last used<\/td>|data-label="Last used">20\d\d-/);
  });

  it('creates a personal access token with an expiry date', async () => {
    await browser.get('/account');
    const res = await browser.post('/account/keys', {
      name: 'CI',
      type: 'personal_token',
      scopes: ['read', 'openid'],
      expires: '2099-12-31',
    });
    expect(res.status).toBe(200);
    const token = /id="new-secret">(tpat_[A-Za-z0-9_-]{43})</.exec(res.text)![1];
    const me = await request(t.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.scopes).toEqual(['read', 'openid']);
    expect(res.text).toContain('2099-12-31 23:59 UTC');
  });

  it('shows errors beside the fields', async () => {
    await browser.get('/account');
    const res = await browser.post('/account/keys', { name: '', scopes: ['admin'], expires: '2001-01-01' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(
      /<div class="field has-error">\s*<label for="f-name">Name<\/label>[\s\S]*?<p class="field-error" id="f-name-error">name must be longer than or equal to 1 characters<\/p>/,
    );
    const past = await browser.post('/account/keys', { name: 'old', scopes: ['read'], expires: '2001-01-01' });
    expect(past.text).toMatch(/<p class="field-error" id="f-expires-error">expires_at must be in the future<\/p>/);
  });

  it('revokes a key', async () => {
    await browser.get('/account');
    const created = await browser.post('/account/keys', { name: 'to revoke', scopes: ['read'] });
    const key = /id="new-secret">(tsk_[A-Za-z0-9_-]{43})</.exec(created.text)![1];
    const id = /aria-label="Revoke to revoke"[\s\S]*?action="\/account\/keys\/([0-9a-f-]{36})\/revoke"/.exec(created.text)![1];
    const res = await browser.post(`/account/keys/${id}/revoke`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account?notice=revoked');
    await request(t.url).get('/api/me').set('Authorization', `Reference ${key}`).expect(401);
  });

  it('refuses a key form without its CSRF token', async () => {
    const res = await browser.post('/account/keys', { name: 'forged' }, { csrf: false });
    expect(res.status).toBe(403);
  });

  it('does not accept an API key or Bearer token in place of the session', async () => {
    await browser.get('/account');
    const created = await browser.post('/account/keys', { name: 'not for pages', scopes: ['read'] });
    const key = /id="new-secret">(tsk_[A-Za-z0-9_-]{43})</.exec(created.text)![1];
    const res = await request(t.url).get('/account').set('Authorization', `Reference ${key}`);
    expect(res.status).toBe(303);
  });
});

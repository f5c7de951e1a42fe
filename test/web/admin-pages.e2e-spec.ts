import request from 'supertest';
import { consoleHeaders } from '../support/sessions';
import { UsersService } from '../../src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { FormClient } from './browser-like';
import { adminBrowser, personBrowser } from './pages-support';

describe('administration pages (/admin)', () => {
  let t: TestApp;
  let admin: FormClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminBrowser(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a person with partial database access', async () => {
    const page = await admin.get('/admin/users');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<label for="f-db-01">01 · Project 01</label>');
    const res = await admin.post('/admin/users', {
      username: 'nora',
      email: 'nora@example.com',
      password: 'nora-password',
      roles: ['Consumer'],
      access: 'partial',
      'db:01': 'read',
      'db:02': 'none',
    });
    expect(res.status).toBe(303);
    const user = await t.app.get(UsersService).findByUsername('nora');
    expect(user).toMatchObject({ email: 'nora@example.com', fullAccess: false });
    expect(user!.databaseAccess!.map((row) => [row.databaseId, row.level])).toEqual([['01', 'read']]);
    const list = await admin.get('/admin/users');
    expect(list.text).toContain('01: read');
  });

  it('shows field errors beside the fields and keeps what was typed', async () => {
    await admin.get('/admin/users');
    const res = await admin.post('/admin/users', { username: 'bad name', email: 'not-an-email', password: 'short', access: 'partial' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<p class="field-error" id="f-username-error">username may only contain/);
    expect(res.text).toMatch(/<p class="field-error" id="f-email-error">email must be an e-mail address/);
    expect(res.text).toMatch(/<p class="field-error" id="f-password-error">password must be between 8 and 128/);
    expect(res.text).toContain('value="bad name"');
    expect(res.text).not.toContain('value="short"');
  });

  it('edits and disables a person; the person is signed out at once', async () => {
    const person = await personBrowser(t, 'otto', 'otto-password');
    await request(t.url).get('/api/me').set(consoleHeaders(t, person.cookieHeader())).expect(200);
    const user = await t.app.get(UsersService).findByUsername('otto');
    await admin.get(`/admin/users/${user!.id}`);
    const res = await admin.post(`/admin/users/${user!.id}`, { username: 'otto', roles: ['Consumer'], access: 'full', disabled: 'true' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/users/${user!.id}?notice=saved`);
    await request(t.url).get('/api/me').set(consoleHeaders(t, person.cookieHeader())).expect(401);
    const page = await admin.get(`/admin/users/${user!.id}`);
    expect(page.text).toMatch(/name="disabled" value="true" checked/);
  });

  it('creates an API user, turns OAuth 2.0 on with a 15-minute TTL and generates its token once', async () => {
    await admin.get('/admin/api-users');
    const created = await admin.post('/admin/api-users', {
      username: 'erp-feed',
      oauth2_enabled: 'true',
      access_token_ttl_minutes: '15',
      roles: ['Consumer'],
      access: 'partial',
      'db:01': 'read',
    });
    expect(created.status).toBe(303);
    const id = /\/admin\/users\/([0-9a-f-]{36})\?notice=created/.exec(created.headers.location)![1];
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.text).toContain('value="15"');
    const res = await admin.post(`/admin/users/${id}/api-token`, {});
    expect(res.status).toBe(200);
    const secret = /id="new-secret">(tat_[A-Za-z0-9_-]{43})</.exec(res.text)![1];
    expect((await t.app.get(UsersService).findByApiToken(secret))?.username).toBe('erp-feed');
    expect((await admin.get(`/admin/users/${id}`)).text).not.toContain(secret);
    const user = await t.app.get(UsersService).findById(id);
    expect(user).toMatchObject({ kind: 'api', oauth2Enabled: true, accessTokenTtlMinutes: 15 });
  });

  it('manages roles: create, edit scopes, make default, delete', async () => {
    await admin.get('/admin/roles');
    expect((await admin.post('/admin/roles', { name: 'Viewer', scopes: ['read'] })).status).toBe(303);
    await admin.get('/admin/roles');
    expect((await admin.post('/admin/roles/Viewer', { scopes: ['read', 'profile'] })).status).toBe(303);
    await admin.get('/admin/roles');
    expect((await admin.post('/admin/roles/Viewer/default', {})).status).toBe(303);
    const roles = await request(t.url).get('/api/admin/roles').set(consoleHeaders(t, admin.cookieHeader())).expect(200);
    expect(roles.body.find((role: { name: string }) => role.name === 'Viewer')).toEqual({
      name: 'Viewer',
      scopes: ['read', 'profile'],
      is_default: true,
    });
    await admin.get('/admin/roles');
    const refused = await admin.post('/admin/roles/Viewer/delete', {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('The default role cannot be deleted');
    await admin.post('/admin/roles/Consumer/default', {});
    await admin.get('/admin/roles');
    expect((await admin.post('/admin/roles/Viewer/delete', {})).status).toBe(303);
  });

  it('shows the audit log, filterable', async () => {
    const res = await admin.get('/admin/audit?type=user&user=admin');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<code>user.<wbr>created</code>');
    expect(res.text).not.toContain('<code>login.<wbr>succeeded</code>');
    const logins = await admin.get('/admin/audit?type=login');
    expect(logins.text).toContain('<code>login.<wbr>succeeded</code>');
    expect((await admin.get('/admin/audit?outcome=maybe')).status).toBe(400);
  });

  it('is for administrators only', async () => {
    const person = await personBrowser(t, 'pia', 'pia-password');
    const res = await person.get('/admin/users');
    expect(res.status).toBe(403);
    expect(res.text).toContain('This page is for administrators');
    const anonymous = await request(t.url).get('/admin/users').expect(303);
    expect(anonymous.headers.location).toBe('/login?return_to=%2Fadmin%2Fusers');
  });

  it('refuses an admin form posted without its CSRF token', async () => {
    const res = await admin.post('/admin/users', { username: 'forged', password: 'forged-password' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(await t.app.get(UsersService).findByUsername('forged')).toBeNull();
  });
});

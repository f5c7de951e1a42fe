import request from 'supertest';
import { DEFAULT_CLAIM_MAPPING } from '../../../src/federation/claim-mapping';
import { IdentityProvidersService } from '../../../src/federation/identity-providers.service';
import { UsersService } from '../../../src/users/users.service';
import { startTestApp, TestApp } from '../../support/test-app';

/**
 * SI4 (low). A provider marked `required` forbids a local password to everyone whose e-mail is of
 * its domains, "on any channel", so that the company's own policy (MFA, leavers) applies
 * (`RequiredProviderRule`). The rule asks `IdentityProvidersService.forEmail`, which looks only at
 * *enabled* providers. Switching the provider off (maintenance, a broken client secret, an
 * incident at the provider: the admin page's "enabled" checkbox, or PATCH { enabled: false })
 * silently gives every person of those domains their old local password back on every channel —
 * a leaver the company has already disabled at the provider included — with nothing in the
 * answer, the admin page or the docs saying so.
 */
describe('SI4: a required provider switched off stops forbidding passwords', () => {
  let t: TestApp;
  let providerId: string;
  const rita = { username: 'rita', password: 'rita-local-password-1' };

  beforeAll(async () => {
    t = await startTestApp();
    const provider = await t.app.get(IdentityProvidersService).create({
      name: 'Company',
      issuer: 'https://idp.company.example',
      clientId: 'tessera',
      clientSecret: 'upstream-secret',
      scopes: ['openid', 'profile', 'email'],
      domains: ['company.example'],
      required: true,
      enabled: true,
      claimMapping: DEFAULT_CLAIM_MAPPING,
    });
    providerId = provider.id;
    await t.app.get(UsersService).create({ ...rita, email: 'rita@company.example', roles: ['Consumer'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the local password while the required provider is on (control)', async () => {
    const res = await request(t.url).post('/consumer/login').send(rita);
    expect(res.status).toBe(400);
    expect(res.body.error_description).toContain('requires signing in with Company');
  });

  it('still refuses the local password of a person of a required domain when the provider is switched off', async () => {
    await t.app.get(IdentityProvidersService).update(providerId, { enabled: false });
    const res = await request(t.url).post('/consumer/login').send(rita);
    expect(res.status).toBe(400);
    expect(res.body.token).toBeUndefined();
    expect(res.body.error_description).toContain('which is turned off at the moment');
  });
});

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import {
  basicAuth,
  bearer,
  consentedCode,
  createPerson,
  Person,
  redeemCode,
  registerApp,
  RegisteredApp,
  tokenRequest,
  TokenResponse,
} from '../support/flows';

/**
 * A8 (review 2). Deleting a person (`DELETE /api/admin/users/:id`) deletes her applications by
 * the `clients.owner_id` foreign key (ON DELETE CASCADE), not through `AppsFacade.delete`, so
 * `GrantsService.revokeAllOfClient` never runs: the grants other people gave those applications
 * stay active (grants have no foreign key to clients), nothing is published to the revocation feed,
 * and:
 *  1. the access tokens the application holds for other people keep working until they expire
 *     (up to 24 h: the owner chooses access_token_ttl);
 *  2. the application's client id is free again (ClientNames.taken only looks at existing rows),
 *     so with REGISTRATION=open the deleted developer registers a *person* named like it and, with
 *     that name and password as client credentials (Fusio, `takesPersonCredentials` on the refresh
 *     grant), refreshes the victims' refresh tokens — fresh tokens acting for them, for 90 days.
 */
describe("A8: deleting a developer leaves other people's grants to her applications alive", () => {
  let t: TestApp;
  let mallory: Person;
  let app: RegisteredApp;
  let victim: Person;
  let tokens: TokenResponse;

  beforeAll(async () => {
    t = await startTestApp({ REGISTRATION: 'open' });
    mallory = await createPerson(t);
    app = await registerApp(t, mallory.username, {
      grant_types: ['authorization_code', 'refresh_token'],
      scopes: ['read', 'profile'],
      access_token_ttl: 86400,
    });
    victim = await createPerson(t);
    tokens = (await redeemCode(t, app, await consentedCode(t, victim.username, app, 'read profile')).expect(200)).body;
    await request(t.url).get('/api/me').set('Authorization', bearer(tokens.access_token)).expect(200);

    const admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    await request(t.url).delete(`/api/admin/users/${mallory.id}`).set(admin).expect(204);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM clients WHERE client_id = ?', [app.client_id]);
    expect(Number(n)).toBe(0); // the application is gone with its owner
    await new Promise((resolve) => setTimeout(resolve, 1200)); // past every in-process credential cache
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the access token the deleted application held for another person', async () => {
    const me = await request(t.url).get('/api/me').set('Authorization', bearer(tokens.access_token));
    console.log(`A8 observed: victim's token of the deleted app → /api/me ${me.status} ${me.body.username ?? ''}`);
    expect(me.status).toBe(401);
  });

  it("does not let a person registered under the deleted application's client id refresh the victim's grant", async () => {
    const password = 'a-quite-long-passphrase-2027';
    const registered = await request(t.url)
      .post('/consumer/register')
      .send({ username: app.client_id, email: 'mallory-again@example.com', password });
    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      basicAuth(app.client_id, password),
    );
    let acting = '';
    if (refreshed.status === 200) {
      const me = await request(t.url).get('/api/me').set('Authorization', bearer(refreshed.body.access_token));
      acting = `${me.status} as ${me.body.username} (victim: ${victim.username}), scope "${refreshed.body.scope}", new refresh_token ${Boolean(refreshed.body.refresh_token)}`;
    }
    console.log(`A8 observed: register as "${app.client_id}" → ${registered.status}; refresh → ${refreshed.status} ${acting}`);
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.access_token).toBeUndefined();
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { createPerson, form, loginToken } from '../support/flows';

/**
 * R14 (low; review of "access tokens without a row"). Revoking a token that is already revoked
 * changes nothing, yet every call appends another `revocations` row (kept 24 h + 1 min) and an
 * `audit_events` row, and every instance that polls the row empties its credential caches and its
 * verified-token cache (RevocationFeed.receive). netrex's `access_token=` form needs no client
 * authentication for a public client's token, so anyone with an account (a /consumer/login token
 * of their own) can repeat it: one token, revoked once, replayed as often as the `token` rate
 * limit allows per IP, keeps every instance's caches cold and grows the table that every instance
 * loads at start.
 */
describe('R14: revoking an already revoked token writes nothing more', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const rows = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM revocations'))[0].n);

  it('appends no revocation row for a token whose grant is already revoked', async () => {
    const token = await loginToken(t, await createPerson(t));
    const revoke = () =>
      request(t.url)
        .post('/oauth2/revoke')
        .type('form')
        .send(form({ access_token: token }))
        .expect(200);
    await revoke();
    const afterFirst = await rows();
    for (let i = 0; i < 20; i++) await revoke();
    // Observed: 20 more rows (one `grant` row per call), each applied by every instance.
    expect(await rows()).toBe(afterFirst);
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, createPerson, loginToken } from '../support/flows';

/**
 * Review (audit): with ALLOW_BASIC_PASSWORD=true, Basic `<key>:<anything non-empty>` is not one of
 * the key forms (`:key`, `apikey:key`, `key:`), so `BasicStrategy` checks it as a person's
 * `username:password`, and `UsersService.refuse` writes the user-id as sent — the live API key —
 * into `audit_events.actor_name` (readable at GET /api/admin/audit and /admin/audit); the rate
 * limiter's per-name key `login:user:<key>` holds it too (memory or Redis, one minute).
 * `login_failures` keeps only a SHA-256 of the name (checked here as a guard).
 * `ClientAuthenticator.claimedClientId` already hides secret-shaped
 * ids (`tsk_`, `tpat_`, …) as "[a secret, not shown]"; the password path does not.
 */
describe('R23: a key sent as a Basic user name never lands in the audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALLOW_BASIC_PASSWORD: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not write the key into audit_events', async () => {
    const person = await createPerson(t);
    const token = await loginToken(t, person);
    const created = await request(t.url).post('/api/keys').set('Authorization', bearer(token)).send({ name: 'excel' });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^tsk_/);

    // Power Query's Basic dialog with the key as user name and something typed as password.
    const res = await request(t.url).get('/api/me').set('Authorization', basicAuth(key, 'x'));
    expect(res.status).toBe(401);

    const failures = JSON.stringify(await t.dataSource.query('SELECT * FROM login_failures'));
    expect(failures).not.toContain(key); // holds: only a hash of the name is kept
    const audit = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'));
    expect(audit).not.toContain(key);
  });
});

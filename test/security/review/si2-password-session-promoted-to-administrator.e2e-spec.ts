import request from 'supertest';
import { ADMINISTRATOR_ROLE } from '../../../src/users/roles.service';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { FormClient } from '../../web/browser-like';
import { createPerson } from '../support/flows';

/**
 * SI2 (low; a gap in "Administrators must use two factors"). The requirement is checked only when
 * a password is given (`TwoFactorPolicy.stepAfterPassword`). A console session carries no scopes
 * of its own: it acts with whatever the person holds at each request (`scopes: 'all'`). So a
 * session opened with a password alone (`amr: pwd`) while its person held no role requiring two
 * factors becomes an Administrator session, without any second factor, the moment the person is
 * given the Administrator role — and it stays one for up to SESSION_ABSOLUTE_TTL (12 h). Whoever
 * knew the person's password (they never needed a second factor) and signed in before the
 * promotion now administers Tessera. Nothing in the role assignment ends or downgrades it.
 *
 * docs/decisions.md says tokens already issued keep working when a role is *marked* later; those
 * carry the scopes of their issue. A session does not: it gains the new role's scopes.
 */
describe('SI2: a password-only session promoted to Administrator', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { twoFactorAsShipped: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** PATCH /api/admin/users/:id { roles: [Administrator] } from an administrator's console session. */
  const promote = async (id: string) => {
    const admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    await request(t.url)
      .patch(`/api/admin/users/${id}`)
      .set(admin)
      .send({ roles: [ADMINISTRATOR_ROLE] })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the rights cache (≤ 0.5 s)
  };

  it('does not let a session opened with a password alone act as an Administrator after the person is promoted', async () => {
    const dana = await createPerson(t);
    const browser = new FormClient(t.url);
    const signIn = await browser.signIn(dana.username, dana.password);
    expect(signIn.headers.location).toBe('/account');
    expect((await browser.get('/admin')).status).toBe(403);

    // An administrator (signed in with two factors) promotes Dana.
    await promote(dana.id);

    // Control: her password alone is now refused on the API channels (two factors required, not set up).
    const login = await request(t.url).post('/consumer/login').send({ username: dana.username, password: dana.password });
    expect(login.status).toBe(400);
    expect(login.body.message ?? login.body.error_description).toMatch(/set up two-factor/);

    // The session she opened with the password alone must not administer Tessera.
    const adminPage = await browser.get('/admin/users');
    expect(adminPage.status).not.toBe(200);
  });

  it('does not let such a session set up an authenticator that then signs in afresh as an Administrator', async () => {
    const erin = await createPerson(t);
    const thief = new FormClient(t.url); // knows Erin's password; Erin's role needed no second factor
    expect((await thief.signIn(erin.username, erin.password)).headers.location).toBe('/account');

    await promote(erin.id);

    // Observed before the fix: the promoted password-only session set up the thief's phone (the
    // account page asks for no password), and the thief then signed in afresh with Erin's password
    // and that code as an Administrator. The session no longer counts, so the set-up is refused.
    await thief.get('/account/two-factor');
    const setup = await thief.post('/account/two-factor/setup', { password: erin.password });
    expect(setup.status).not.toBe(200);
    expect(await t.dataSource.query('SELECT user_id FROM two_factor_enrolments WHERE user_id = ?', [erin.id])).toEqual([]);
    // Erin herself signs in with her password and is asked to set up her own authenticator.
    const erinBrowser = new FormClient(t.url);
    expect((await erinBrowser.signIn(erin.username, erin.password)).headers.location).toMatch(/^\/login\/two-factor-setup/);
  });
});

import request from 'supertest';
import { UsersService } from '../../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { FormClient } from '../../web/browser-like';
import { createPerson, Person } from '../support/flows';

/**
 * SI3 (low). R15 dated `/consumer/login` and password-grant tokens from the start of the password
 * check, so a reset that commits while the old password is being verified (argon2id) refuses them.
 * The console was left out: `WebSessions.signIn` verifies the password, then `SessionService.create`
 * inserts a session row. A new password (or "sign out everywhere", or a disable) deletes the
 * person's session rows when it commits; a session inserted after that delete, for a password
 * check that began with the old password, is never deleted and works for SESSION_ABSOLUTE_TTL.
 *
 * The reset is made to land during the password check by wrapping UsersService.verifyFirstFactor,
 * as R15 wraps PasswordSignIn.signIn.
 */
describe('SI3: a console sign-in racing a password change', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  /** The next console sign-in of `person` checks the old password, then the reset commits, then the session is made. */
  function resetDuringNextSignIn(person: Person): void {
    const users = t.app.get(UsersService);
    const original = users.verifyFirstFactor.bind(users);
    jest.spyOn(users, 'verifyFirstFactor').mockImplementationOnce(async (...args: Parameters<UsersService['verifyFirstFactor']>) => {
      const outcome = await original(...args);
      await users.setPassword(person.id, 'a-much-better-passphrase-2027');
      return outcome;
    });
  }

  it('does not leave a working console session for a sign-in whose password check the reset overtook', async () => {
    const dana = await createPerson(t);
    const browser = new FormClient(t.url);
    await browser.get('/login');
    resetDuringNextSignIn(dana);
    const signIn = await browser.post('/login', { username: dana.username, password: dana.password });

    // Whatever the login page answered, the browser must not hold a session that outlived the reset.
    const account = await browser.get('/account');
    expect({ signIn: signIn.status, account: account.status, location: account.headers.location }).toEqual({
      signIn: signIn.status,
      account: 303,
      location: '/login?return_to=%2Faccount',
    });
    const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND pending IS NULL', [dana.id]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('does not hand a racing console session back when a disabled person is enabled again (R07)', async () => {
    const admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    const setDisabled = (id: string, disabled: boolean) =>
      request(t.url).patch(`/api/admin/users/${id}`).set(admin).send({ disabled }).expect(200);
    const fay = await createPerson(t);
    const users = t.app.get(UsersService);
    const original = users.verifyFirstFactor.bind(users);
    jest.spyOn(users, 'verifyFirstFactor').mockImplementationOnce(async (...args: Parameters<UsersService['verifyFirstFactor']>) => {
      const outcome = await original(...args);
      await setDisabled(fay.id, true); // an administrator disables Fay while her password is being checked
      return outcome;
    });
    const browser = new FormClient(t.url);
    await browser.get('/login');
    await browser.post('/login', { username: fay.username, password: fay.password });
    await setDisabled(fay.id, false);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the rights cache (≤ 0.5 s)

    // A disable ends sessions for good (R07): the session made after it must not work once she is enabled again.
    const account = await browser.get('/account');
    expect(account.status).toBe(303);
  });

  it('control: the old password no longer signs in after the reset', async () => {
    const erin = await createPerson(t);
    await t.app.get(UsersService).setPassword(erin.id, 'a-much-better-passphrase-2027');
    const res = await request(t.url).post('/consumer/login').send({ username: erin.username, password: erin.password });
    expect(res.status).toBe(400);
  });
});

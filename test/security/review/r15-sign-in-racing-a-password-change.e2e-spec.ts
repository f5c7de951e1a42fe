import request from 'supertest';
import { PasswordSignIn } from '../../../src/auth/two-factor/password-sign-in';
import { UsersService } from '../../../src/users/users.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, createPerson, form, Person, registerApp, RegisteredApp } from '../support/flows';

/**
 * R15 (low; review of "access tokens without a row"). A token counts as issued when its client's
 * credentials began to be checked (`OAuthClient.authenticatedAt`, the UUIDv7 `jti`), so that a
 * not-before time committed while the request is in flight refuses it (docs/decisions.md). The
 * built-in `consumer` client behind `/consumer/login` is never authenticated (ConsumerService
 * hands the frozen CONSUMER_CLIENT to the issuer), so its tokens are dated `Date.now()` at the
 * end of the request, after the password was checked: a password change or disable that commits
 * while the old password is being verified (argon2id) dates before the token, and the token
 * works. In both channels the grant is created after the reset enumerated the person's grants, so
 * the refresh token of such a request survives the reset too.
 *
 * The reset is made to land during the password check by wrapping PasswordSignIn.signIn.
 */
describe('R15: a sign-in racing a password change', () => {
  let t: TestApp;
  let app: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createPerson(t);
    app = await registerApp(t, owner.username, { confidential: false, grant_types: ['password', 'refresh_token'], scopes: ['read'] });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  /** The next sign-in of `person` checks the old password, then the reset commits, then it answers. */
  function resetDuringNextSignIn(person: Person): void {
    const signIns = t.app.get(PasswordSignIn);
    const original = signIns.signIn.bind(signIns);
    jest.spyOn(signIns, 'signIn').mockImplementationOnce(async (...args: Parameters<PasswordSignIn['signIn']>) => {
      const outcome = await original(...args);
      await t.app.get(UsersService).setPassword(person.id, 'a-much-better-passphrase-2027');
      return outcome;
    });
  }

  const activeGrantsOf = async (person: Person) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM grants WHERE user_id = ? AND revoked_at IS NULL', [person.id]))[0].n);

  // Observed before the fix: 200, and the token worked on /api/me (it was dated after the new
  // password's not-before time), with a refresh token whose grant the reset had not seen.
  it('refuses a /consumer/login whose password check the reset overtook, and leaves no grant', async () => {
    const dana = await createPerson(t);
    resetDuringNextSignIn(dana);
    const login = await request(t.url).post('/consumer/login').send({ username: dana.username, password: dana.password });
    expect(login.status).toBe(400);
    expect(login.body.token).toBeUndefined();
    expect(await activeGrantsOf(dana)).toBe(0);
  });

  // Observed before the fix: 200; the access token was refused, but its refresh token refreshed (200).
  it('refuses a password grant whose password check the reset overtook, and leaves no refresh token', async () => {
    const erin = await createPerson(t);
    resetDuringNextSignIn(erin);
    const res = await request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send(form({ grant_type: 'password', client_id: app.client_id, username: erin.username, password: erin.password }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
    expect(res.body.refresh_token).toBeUndefined();
    expect(await activeGrantsOf(erin)).toBe(0);
  });

  it('still signs in when the reset came before the sign-in began (the new password)', async () => {
    const fay = await createPerson(t);
    await t.app.get(UsersService).setPassword(fay.id, 'a-much-better-passphrase-2027');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const login = await request(t.url)
      .post('/consumer/login')
      .send({ username: fay.username, password: 'a-much-better-passphrase-2027' })
      .expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(login.body.token)).expect(200);
  });
});

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, createPerson, Person, registerApp, tokenRequest } from '../support/flows';

/**
 * A9 (review 2, low). R19: "narrowing an application (a scope or a grant type taken away)" must
 * end what it gave; access tokens now end with the client's not-before time, and refresh tokens
 * are capped by the client's *scopes*. Not by its grant types: an owner who takes the password
 * grant away from her application (to stop it collecting passwords) leaves every refresh token it
 * got from the password grant working, and each refresh still carries `account`, which the
 * password grant alone adds (clientCeiling(client, 'password')).
 */
describe('A9: taking the password grant away leaves its refresh tokens (with account) working', () => {
  let t: TestApp;
  let owner: Person;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createPerson(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to refresh a password-grant token once the application no longer has the password grant', async () => {
    const app = await registerApp(t, owner.username, {
      grant_types: ['password', 'refresh_token', 'authorization_code'],
      scopes: ['read'],
    });
    const dana = await createPerson(t);
    const first = await tokenRequest(
      t,
      { grant_type: 'password', username: dana.username, password: dana.password },
      basicAuth(app.client_id, app.client_secret!),
    ).expect(200);
    await request(t.url)
      .patch(`/api/apps/${app.client_id}`)
      .set(consoleHeaders(t, await sessionCookieFor(t, owner.username)))
      .send({ grant_types: ['refresh_token', 'authorization_code'] })
      .expect(200);
    await request(t.url).get('/api/me').set('Authorization', bearer(first.body.access_token)).expect(401); // R19 holds for access tokens

    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: first.body.refresh_token },
      basicAuth(app.client_id, app.client_secret!),
    );
    let minted = 0;
    if (refreshed.status === 200) {
      minted = (
        await request(t.url)
          .post('/api/keys')
          .set('Authorization', bearer(refreshed.body.access_token))
          .send({ name: 'after narrowing', type: 'personal_token', scopes: ['read'] })
      ).status;
    }
    console.log(
      `A9 observed: refresh after the password grant was removed → ${refreshed.status} scope "${refreshed.body.scope ?? ''}", POST /api/keys → ${minted}`,
    );
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe('invalid_grant');
  });
});

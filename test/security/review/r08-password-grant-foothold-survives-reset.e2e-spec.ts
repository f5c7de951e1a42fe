import request from 'supertest';
import { UsersService } from '../../../src/users/users.service';
import { sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  basicAuth,
  bearer,
  consentThroughPage,
  createPerson,
  form,
  Person,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  RegisteredApp,
} from '../support/flows';

/**
 * R08 (high). Mallory registers a public application with the password grant. Dana types her
 * password into it once (phished). The password grant (1) recorded a standing consent for the app,
 * though Dana never saw Tessera's consent page, and (2) issued a token carrying `account` with no
 * grant behind it, so what that token minted (an application with client credentials acting with
 * Dana's rights) was tied to nothing. Dana's password reset ended the token, but the application
 * kept writing, and the consent let a `prompt=none` link silently hand a new code to Mallory's
 * redirect URI. Seen failing on e8f1fe2 (found by a review session).
 * Now the password grant records a grant for every token (withdrawn, listed and cascaded like the
 * code flow's) and no consent; a new password also forgets the person's consents.
 */
describe("R08: a phished password's foothold ends with the password", () => {
  let t: TestApp;
  let dana: Person;
  let mallorysApp: RegisteredApp;
  const newPassword = 'a-much-better-passphrase-2027';

  beforeAll(async () => {
    t = await startTestApp();
    const mallory = await createPerson(t);
    dana = await createPerson(t);
    mallorysApp = await registerApp(t, mallory.username, {
      confidential: false,
      grant_types: ['password', 'authorization_code'],
      scopes: ['read', 'account'],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const passwordGrant = () =>
    request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send(form({ grant_type: 'password', client_id: mallorysApp.client_id, username: dana.username, password: dana.password }))
      .expect(200);

  /** A `prompt=none` authorization request for Mallory's app from Dana's signed-in browser: where it redirects. */
  const silentAuthorization = async () => {
    const cookie = await sessionCookieFor(t, dana.username);
    const { challenge } = pkcePair();
    const query = form({
      response_type: 'code',
      client_id: mallorysApp.client_id,
      redirect_uri: REDIRECT_URI,
      scope: 'read',
      state: 's',
      prompt: 'none',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const res = await request(t.url).get(`/oauth2/authorize?${query}`).set('Cookie', cookie).redirects(0).expect(302);
    return new URL(res.headers.location as string).searchParams;
  };

  it('records no consent: the next silent authorization asks for one', async () => {
    await passwordGrant();
    expect((await silentAuthorization()).get('error')).toBe('consent_required');
  });

  it('ends what the password-grant token minted, and every consent, when the password changes', async () => {
    const token = (await passwordGrant()).body.access_token as string;
    const backdoor = await request(t.url)
      .post('/api/apps')
      .set('Authorization', bearer(token))
      .send({ name: 'Backdoor', redirect_uris: ['https://bd.example/cb'], grant_types: ['client_credentials'], scopes: ['read'] })
      .expect(201);
    const clientCredentials = () =>
      request(t.url)
        .post('/oauth2/token')
        .set('Authorization', basicAuth(backdoor.body.client_id, backdoor.body.client_secret))
        .type('form')
        .send(form({ grant_type: 'client_credentials' }));
    expect((await clientCredentials()).status).toBe(200);
    // With the password, Mallory also approves her app on the consent page as Dana.
    await consentThroughPage(t, dana.username, { client_id: mallorysApp.client_id, scope: 'read', ...challengeParams() });
    expect((await silentAuthorization()).get('code')).toBeTruthy();

    await t.app.get(UsersService).setPassword(dana.id, newPassword);

    await request(t.url).get('/api/me').set('Authorization', bearer(token)).expect(401);
    const refused = await clientCredentials();
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
    expect((await silentAuthorization()).get('error')).toBe('consent_required');
  });
});

function challengeParams() {
  const { challenge } = pkcePair();
  return { code_challenge: challenge, code_challenge_method: 'S256' };
}

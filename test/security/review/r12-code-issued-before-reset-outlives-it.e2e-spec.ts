import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../../support/test-app';
import { UsersService } from '../../../src/users/users.service';
import {
  basicAuth,
  bearer,
  consentThroughPage,
  createPerson,
  Person,
  pkcePair,
  REDIRECT_URI,
  registerApp,
  RegisteredApp,
  tokenRequest,
} from '../support/flows';

/**
 * R12 (review of "access tokens without a row"). A user's not-before time refuses every token
 * issued *before* a password change or a disable, and the change revokes the user's grants. An
 * authorization code obtained before the change (from the person's console session: no
 * `mintedByGrant` ties it to a grant) is neither: it is redeemed afterwards, within
 * AUTHORIZATION_CODE_TTL (600 s by default), and the code grant then mints a *new* grant with a
 * fresh access token (dated after the not-before time) and a refresh token. A thief who held the
 * session or the password keeps a code in hand and turns it into a lasting foothold after the reset.
 */
describe('R12: an authorization code issued before a reset or disable outlives it', () => {
  let t: TestApp;
  let app: RegisteredApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = consoleHeaders(t, await sessionCookieFor(t, ADMIN.username));
    const owner = await createPerson(t);
    app = await registerApp(t, owner.username, { grant_types: ['authorization_code', 'refresh_token'], scopes: ['read'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A code from the person's signed-in browser (consent page), and its verifier. */
  async function codeFromSession(person: Person): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkcePair();
    const location = await consentThroughPage(t, person.username, {
      client_id: app.client_id,
      scope: 'read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    return { code: new URL(location).searchParams.get('code')!, verifier };
  }

  const redeem = ({ code, verifier }: { code: string; verifier: string }) =>
    tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth(app.client_id, app.client_secret!),
    );

  it('refuses a code obtained before the password changed', async () => {
    const dana = await createPerson(t);
    const stolen = await codeFromSession(dana);
    await t.app.get(UsersService).setPassword(dana.id, 'a-much-better-passphrase-2027');

    const res = await redeem(stolen);
    // Observed: 200 with an access token that works and a refresh token of a brand-new grant.
    if (res.status === 200) {
      await request(t.url).get('/api/me').set('Authorization', bearer(res.body.access_token)).expect(200);
      const refreshed = await tokenRequest(
        t,
        { grant_type: 'refresh_token', refresh_token: res.body.refresh_token },
        basicAuth(app.client_id, app.client_secret!),
      );
      expect(refreshed.status).toBe(200);
    }
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses a code obtained before a disable, after the person is enabled again', async () => {
    const erin = await createPerson(t);
    const stolen = await codeFromSession(erin);
    await request(t.url).patch(`/api/admin/users/${erin.id}`).set(admin).send({ disabled: true }).expect(200);
    await request(t.url).patch(`/api/admin/users/${erin.id}`).set(admin).send({ disabled: false }).expect(200);

    const res = await redeem(stolen);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});

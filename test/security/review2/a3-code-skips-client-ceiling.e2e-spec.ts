import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, consentedCode, createPerson, Person, redeemCode, registerApp, RegisteredApp } from '../support/flows';

/**
 * A3 (review 2). DESIGN §10 / decisions.md "What a token gets": requested ∩ the client's allowed
 * ∩ the owner's, and "nothing created, changed or exchanged carries more than …". The refresh grant
 * caps by the client's current scopes (clientCeiling) and R19 ends access tokens issued before a
 * narrowing. The code grant does neither: a code issued while the application was allowed
 * `read profile`, redeemed after its owner narrowed it to `read`, yields a token with `profile`
 * dated after the narrowing (the client's not-before time does not refuse it).
 */
describe('A3: the code grant does not cap scopes by what the client is allowed now', () => {
  let t: TestApp;
  let owner: Person;
  let app: RegisteredApp;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createPerson(t);
    app = await registerApp(t, owner.username, { grant_types: ['authorization_code', 'refresh_token'], scopes: ['read', 'profile'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives no scope the application lost between the code and its exchange', async () => {
    const dana = await createPerson(t);
    const code = await consentedCode(t, dana.username, app, 'read profile');

    await request(t.url)
      .patch(`/api/apps/${app.client_id}`)
      .set(consoleHeaders(t, await sessionCookieFor(t, owner.username)))
      .send({ scopes: ['read'] })
      .expect(200);

    const res = await redeemCode(t, app, code);
    if (res.status === 200) {
      const me = await request(t.url).get('/api/me').set('Authorization', bearer(res.body.access_token));
      console.log(`A3 observed: scope "${res.body.scope}", /api/me ${me.status} scopes ${JSON.stringify(me.body.scopes)}`);
      expect(res.body.scope.split(' ')).not.toContain('profile');
      if (me.status === 200) expect(me.body.scopes).not.toContain('profile');
    } else {
      expect(res.body.error).toBe('invalid_grant');
    }
  });
});

import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  basicAuth,
  bearer,
  consentedCode,
  consentThroughPage,
  createPerson,
  Person,
  pkcePair,
  redeemCode,
  REDIRECT_URI,
  registerApp,
  RegisteredApp,
  tokenRequest,
} from '../support/flows';

const ATTACKER_CALLBACK = 'https://third-party.example.org/harvest';

/**
 * A10 (review 2). Dora develops a public application X that other people use (they consented to
 * it). She also allows a third-party tool T "Create applications and API keys in your name"
 * (`account`, with `read`). T's token may change any of Dora's applications whose scopes it holds
 * (R01 only compares scopes), so it adds its own redirect URI to X. Then every person who consented
 * to X hands T a code for X through a `prompt=none` link (no page shown), and since X is public
 * T redeems it: T acts for people who never heard of it. Withdrawing T later (R05) deletes what T
 * *created*, but the redirect URI T *added* to X stays. DESIGN §10 scope-down: nothing changed
 * carries more than the principal asking holds; Dora's delegated token never held other people's
 * access.
 */
describe("A10: a delegated account token re-points the person's application at itself and harvests its users", () => {
  let t: TestApp;
  let dora: Person;
  let victim: Person;
  let x: RegisteredApp;
  let tool: RegisteredApp;
  let toolToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    dora = await createPerson(t);
    victim = await createPerson(t);
    x = await registerApp(t, dora.username, { confidential: false, grant_types: ['authorization_code'], scopes: ['read'] });
    // The victim uses Dora's application.
    await consentThroughPage(t, victim.username, {
      client_id: x.client_id,
      scope: 'read',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    // A third-party tool, registered by someone else, that Dora allows "read account".
    const vendor = await createPerson(t);
    tool = await registerApp(t, vendor.username, { grant_types: ['authorization_code'], scopes: ['read', 'account'] });
    toolToken = (await redeemCode(t, tool, await consentedCode(t, dora.username, tool, 'read account')).expect(200)).body.access_token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("never gives the tool a token acting for a person who consented only to Dora's application", async () => {
    const repointed = await request(t.url)
      .patch(`/api/apps/${x.client_id}`)
      .set('Authorization', bearer(toolToken))
      .send({ redirect_uris: [REDIRECT_URI, ATTACKER_CALLBACK] });

    const { verifier, challenge } = pkcePair();
    const silent = await request(t.url)
      .get('/oauth2/authorize')
      .query({
        client_id: x.client_id,
        redirect_uri: ATTACKER_CALLBACK,
        response_type: 'code',
        scope: 'read',
        prompt: 'none',
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })
      .set('Cookie', await sessionCookieFor(t, victim.username))
      .redirects(0);
    const code = silent.headers.location?.startsWith(ATTACKER_CALLBACK) ? new URL(silent.headers.location).searchParams.get('code') : null;
    let actingAs = '';
    if (code) {
      const stolen = await tokenRequest(t, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: ATTACKER_CALLBACK,
        client_id: x.client_id,
        code_verifier: verifier,
      });
      if (stolen.status === 200) {
        const me = await request(t.url).get('/api/me').set('Authorization', bearer(stolen.body.access_token));
        actingAs = `${me.status} ${me.body.username} (victim ${victim.username})`;
      }
    }
    // After Dora withdraws the tool, is its redirect URI still on her application?
    const headers = consoleHeaders(t, await sessionCookieFor(t, dora.username));
    const grants = await request(t.url).get('/api/grants').set(headers).expect(200);
    const entry = grants.body.find((grant: { client_id: string }) => grant.client_id === tool.client_id);
    if (entry) await request(t.url).delete(`/api/grants/${entry.id}`).set(headers).expect(204);
    const after = await request(t.url).get(`/api/apps/${x.client_id}`).set(headers);
    console.log(
      `A10 observed: PATCH by the tool → ${repointed.status}; prompt=none → ${silent.status} ${silent.headers.location ?? ''}; ` +
        `stolen token → ${actingAs || 'none'}; after withdrawal X.redirect_uris = ${JSON.stringify(after.body.redirect_uris)}`,
    );
    expect(actingAs).toBe('');
    expect(after.body.redirect_uris).not.toContain(ATTACKER_CALLBACK);
  });

  it('does the same to a confidential application: the tool re-keys it and keeps the new secret', async () => {
    const y = await registerApp(t, dora.username, { grant_types: ['authorization_code'], scopes: ['read'] });
    await consentThroughPage(t, victim.username, {
      client_id: y.client_id,
      scope: 'read',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    // A fresh delegated token for the tool (the first test withdrew the grant).
    const token = (await redeemCode(t, tool, await consentedCode(t, dora.username, tool, 'read account')).expect(200)).body.access_token;
    const repointed = await request(t.url)
      .patch(`/api/apps/${y.client_id}`)
      .set('Authorization', bearer(token))
      .send({ redirect_uris: [REDIRECT_URI, ATTACKER_CALLBACK] });
    const rekeyed = await request(t.url).post(`/api/apps/${y.client_id}/secret`).set('Authorization', bearer(token));
    const { verifier, challenge } = pkcePair();
    const silent = await request(t.url)
      .get('/oauth2/authorize')
      .query({
        client_id: y.client_id,
        redirect_uri: ATTACKER_CALLBACK,
        response_type: 'code',
        scope: 'read',
        prompt: 'none',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })
      .set('Cookie', await sessionCookieFor(t, victim.username))
      .redirects(0);
    const code = silent.headers.location?.startsWith(ATTACKER_CALLBACK) ? new URL(silent.headers.location).searchParams.get('code') : null;
    let actingAs = '';
    if (code && rekeyed.body.client_secret) {
      const stolen = await tokenRequest(
        t,
        { grant_type: 'authorization_code', code, redirect_uri: ATTACKER_CALLBACK, code_verifier: verifier },
        basicAuth(y.client_id, rekeyed.body.client_secret),
      );
      if (stolen.status === 200) {
        const me = await request(t.url).get('/api/me').set('Authorization', bearer(stolen.body.access_token));
        actingAs = `${me.status} ${me.body.username}`;
      }
    }
    console.log(
      `A10 observed (confidential): PATCH ${repointed.status}, new secret ${rekeyed.status}, stolen token → ${actingAs || 'none'}`,
    );
    expect(actingAs).toBe('');
  });
});

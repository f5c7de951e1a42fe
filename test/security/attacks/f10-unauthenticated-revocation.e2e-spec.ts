import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  bearer,
  basicAuth,
  codeGrantTokens,
  createPerson,
  form,
  loginToken,
  registerApp,
  RegisteredApp,
  TokenResponse,
} from '../support/flows';

/**
 * F10. netrex's revocation form, `POST /oauth2/revoke?access_token=…`, needed no client
 * authentication, so anyone holding a confidential client's access token (a log line, a proxy)
 * could end that client's whole grant. Seen failing on 3f05468: the request without credentials
 * answered 200 `{"success":true,…}` and the client's access and refresh tokens stopped working.
 * Now: without client authentication only a public client's token is revoked; a confidential
 * client's token needs that client's credentials (401 invalid_client without them).
 */
describe("F10: revocation without client authentication ends only public clients' tokens", () => {
  let t: TestApp;
  let confidential: RegisteredApp;
  let publicApp: RegisteredApp;
  let personToken: string;

  beforeAll(async () => {
    t = await startTestApp({ OAUTH_ALLOW_QUERY_CREDENTIALS: 'true' });
    const owner = await createPerson(t);
    confidential = await registerApp(t, owner.username);
    publicApp = await registerApp(t, owner.username, {
      confidential: false,
      grant_types: ['authorization_code', 'password', 'refresh_token'],
    });
    personToken = await loginToken(t, await createPerson(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = (token: string) => request(t.url).get('/api/me').set('Authorization', bearer(token));
  const refresh = (tokens: TokenResponse) =>
    request(t.url)
      .post('/oauth2/token')
      .set('Authorization', basicAuth(confidential.client_id, confidential.client_secret!))
      .type('form')
      .send(form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }));

  it("refuses to revoke a confidential client's token without its credentials, in the query or the body", async () => {
    const tokens = await codeGrantTokens(t, confidential, personToken, 'read');
    for (const sent of [
      request(t.url).post(`/oauth2/revoke?access_token=${tokens.access_token}`),
      request(t.url)
        .post('/oauth2/revoke')
        .type('form')
        .send(form({ access_token: tokens.access_token })),
    ]) {
      const res = await sent;
      expect({ status: res.status, body: res.body }).toEqual({
        status: 401,
        body: { error: 'invalid_client', error_description: expect.any(String) },
      });
    }
    await me(tokens.access_token).expect(200);
    await refresh(tokens).expect(200);
  });

  it("revokes a confidential client's token with its credentials in the query (netrex's form, with OAUTH_ALLOW_QUERY_CREDENTIALS)", async () => {
    const tokens = await codeGrantTokens(t, confidential, personToken, 'read');
    const res = await request(t.url)
      .post(
        `/oauth2/revoke?access_token=${tokens.access_token}&client_id=${confidential.client_id}&client_secret=${confidential.client_secret}`,
      )
      .expect(200);
    expect(res.body).toEqual({ success: true, message: expect.any(String) });
    await me(tokens.access_token).expect(401);
    expect((await refresh(tokens).expect(400)).body.error).toBe('invalid_grant');
  });

  it("refuses wrong client credentials, and leaves another client's token alone", async () => {
    const tokens = await codeGrantTokens(t, confidential, personToken, 'read');
    await request(t.url)
      .post(`/oauth2/revoke?access_token=${tokens.access_token}&client_id=${confidential.client_id}&client_secret=wrong`)
      .expect(401);
    const other = await registerApp(t, (await createPerson(t)).username);
    await request(t.url)
      .post(`/oauth2/revoke?access_token=${tokens.access_token}&client_id=${other.client_id}&client_secret=${other.client_secret}`)
      .expect(200);
    await me(tokens.access_token).expect(200);
  });

  it("still revokes a public client's token with the access token alone (netrex's form as written)", async () => {
    const person = await createPerson(t);
    const login = await request(t.url)
      .post('/oauth2/token')
      .type('form')
      .send(form({ grant_type: 'password', username: person.username, password: person.password, client_id: publicApp.client_id }))
      .expect(200);
    const res = await request(t.url).post(`/oauth2/revoke?access_token=${login.body.access_token}`).expect(200);
    expect(res.body).toEqual({ success: true, message: expect.any(String) });
    await me(login.body.access_token).expect(401);
    const own = await loginToken(t, person);
    await request(t.url)
      .post('/oauth2/revoke')
      .type('form')
      .send(form({ access_token: own }))
      .expect(200);
    await me(own).expect(401);
  });
});

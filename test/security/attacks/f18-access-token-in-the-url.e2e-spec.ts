import request from 'supertest';
import { KeysService } from '../../../src/keys/keys.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, codeGrantTokens, createPerson, loginToken, Person, registerApp, seedSmallDatabases } from '../support/flows';

/**
 * F18. A bearer credential travels in the Authorization header, or (RFC 6750 §2.2) in the form
 * body of a POST to a route that takes forms; never in the URL, where browser history, proxies,
 * Referer headers and Excel's saved queries keep it (RFC 9700 §4.3.2, OAuth 2.1 §5.2, FAPI 2.0
 * §5.3.4). Seen failing on 647cdf2: passport-http-bearer read `?access_token=` from the query
 * string, so `GET /api/me?access_token=<token>` answered the person's account (200), an API key
 * in the query did the same, and a JSON body `{"access_token": …}` (not a form) authenticated
 * `POST /oauth2/userinfo`.
 */
describe('F18: an access token or API key in the URL is refused, never used', () => {
  let t: TestApp;
  let person: Person;
  let token: string;
  let openidToken: string;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedSmallDatabases(t);
    person = await createPerson(t, { databaseAccess: { '01': 'read' } });
    token = await loginToken(t, person);
    apiKey = (await t.app.get(KeysService).create(person.id, { name: 'excel', kind: 'api_key', scopes: ['read'], expiresAt: null })).secret;
    const app = await registerApp(t, person.username, { scopes: ['read', 'openid'] });
    openidToken = (await codeGrantTokens(t, app, token, 'openid read')).access_token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const refusedAsInvalidRequest = (res: request.Response) => {
    expect(res.status).toBe(400);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="Tessera", error="invalid_request"/);
    expect(JSON.stringify(res.body)).toMatch(/Authorization header/);
    expect(JSON.stringify(res.body)).not.toContain(person.username);
  };

  it('refuses ?access_token= on the management API instead of answering the account', async () => {
    refusedAsInvalidRequest(await request(t.url).get(`/api/me?access_token=${token}`));
    refusedAsInvalidRequest(await request(t.url).get(`/api/me?access_token=${apiKey}`));
  });

  it('refuses it on both resource mounts, in their error formats', async () => {
    const rest = await request(t.url).get(`/api/database/01/rooms?$top=1&access_token=${token}`);
    refusedAsInvalidRequest(rest);
    expect(rest.body).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
    const odata = await request(t.url).get(`/odata/01/rooms?$top=1&access_token=${apiKey}`);
    refusedAsInvalidRequest(odata);
    expect(odata.body.error).toMatchObject({ code: 'invalid_request' });
  });

  it('refuses it even beside a valid Authorization header, so a link with a token never works', async () => {
    refusedAsInvalidRequest(await request(t.url).get(`/api/me?access_token=${token}`).set('Authorization', bearer(token)));
    refusedAsInvalidRequest(await request(t.url).get(`/api/database/01/rooms?$top=1&access_token=x`).set('Authorization', bearer(token)));
  });

  it('does not take a JSON body field as a credential, but keeps the RFC 6750 form body where forms are taken', async () => {
    const json = await request(t.url).post('/oauth2/userinfo').send({ access_token: openidToken });
    expect(json.status).toBe(401);
    const form = await request(t.url).post('/oauth2/userinfo').type('form').send({ access_token: openidToken }).expect(200);
    expect(form.body).toMatchObject({ sub: person.id });
    const both = await request(t.url)
      .post('/oauth2/userinfo')
      .set('Authorization', bearer(openidToken))
      .type('form')
      .send({ access_token: openidToken });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ error: 'invalid_request' });
  });

  it('still answers the header forms, and the revocation endpoint keeps its own access_token parameter', async () => {
    await request(t.url).get('/api/me').set('Authorization', bearer(token)).expect(200);
    await request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', bearer(token)).expect(200);
    const revoked = await request(t.url).post('/oauth2/revoke').type('form').send({ access_token: token }).expect(200);
    expect(revoked.body).toMatchObject({ success: true });
    await request(t.url).get('/api/me').set('Authorization', bearer(token)).expect(401);
  });
});

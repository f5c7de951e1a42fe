import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, createPerson, form, registerApp, uniqueIp } from '../support/flows';

const LIMIT = 5;

/**
 * Review 3, B2 (medium). The `token` policy counted every request per client id before the client
 * authenticated, so anyone who knew an id (it is in every access token the client holds) spent the
 * client's budget with wrong secrets from addresses of their own: the real client then got 429 for
 * its tokens, and for revoking a stolen token (RFC 7009) while the token kept working. Found by a
 * review session (helper), reproduced on 43fc4ee: after 20 wrong-secret requests from one address,
 * the client's revocation and token requests from other addresses answered 429.
 * A public client's id was one budget for all its users, wherever they were. Now a client is
 * counted once it has authenticated with its secret (`Budgets.client`, in ClientAuthenticator);
 * refused and public-client requests count per address only.
 */
describe("review 3 B2: wrong secrets sent with a client's id do not spend that client's budget", () => {
  let t: TestApp;
  let app: { client_id: string; client_secret?: string };
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'on', TRUST_PROXY: 'true', RATE_LIMIT_TOKEN_PER_MINUTE: String(LIMIT) });
    const owner = await createPerson(t);
    app = await registerApp(t, owner.username, { scopes: ['read'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const token = (secret: string, ip = uniqueIp()) =>
    request(t.url)
      .post('/oauth2/token')
      .set('X-Forwarded-For', ip)
      .set('Authorization', basicAuth(app.client_id, secret))
      .type('form')
      .send(form({ grant_type: 'client_credentials', scope: 'read' }));

  it('lets the client get tokens and revoke a stolen one while someone floods its id with wrong secrets', async () => {
    const stolen = (await token(app.client_secret!)).body.access_token as string;
    const flood = uniqueIp();
    for (let i = 0; i < 4 * LIMIT; i++) expect([401, 429]).toContain((await token(`wrong-${i}`, flood)).status);

    const revoked = await request(t.url)
      .post('/oauth2/revoke')
      .set('X-Forwarded-For', uniqueIp())
      .set('Authorization', basicAuth(app.client_id, app.client_secret!))
      .type('form')
      .send(form({ token: stolen }));
    expect(revoked.status).toBe(200);
    expect((await request(t.url).get('/api/me').set('Authorization', bearer(stolen))).status).toBe(401);
    expect((await token(app.client_secret!)).status).toBe(200);
  });

  it("still limits the client's own authenticated requests across addresses", async () => {
    const own = await registerApp(t, (await createPerson(t)).username, { scopes: ['read'] });
    const send = () =>
      request(t.url)
        .post('/oauth2/token')
        .set('X-Forwarded-For', uniqueIp())
        .set('Authorization', basicAuth(own.client_id, own.client_secret!))
        .type('form')
        .send(form({ grant_type: 'client_credentials', scope: 'read' }));
    for (let i = 0; i < LIMIT; i++) expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it("gives a public client's users a budget per address, not one for all of them", async () => {
    const spa = await registerApp(t, (await createPerson(t)).username, {
      confidential: false,
      grant_types: ['authorization_code', 'refresh_token'],
    });
    const revoke = () =>
      request(t.url)
        .post('/oauth2/revoke')
        .set('X-Forwarded-For', uniqueIp())
        .type('form')
        .send(form({ client_id: spa.client_id, token: 'not-a-token-of-anyone' }));
    for (let i = 0; i < 2 * LIMIT; i++) expect((await revoke()).status).toBe(200);
  });
});

import request from 'supertest';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, createPerson, form, registerApp, unique, uniqueIp } from '../support/flows';

const LIMIT = 20;
const TRIES = 30;

/**
 * F5. Fastify routes `/consumer/%6Cogin` to `/consumer/login` (it decodes the path), but the rate
 * limits and the error format were chosen by matching the raw URL with regexes, so a
 * percent-encoded path stepped around every limit and got the wrong error format. And
 * `/oauth2/introspect` and `/oauth2/revoke` checked a person's `username:password` as client
 * credentials when the body added `grant_type=client_credentials`, with no limit at all.
 * Seen failing on b10cf4e: 30 tries at each percent-encoded path gave no 429 and no RateLimit
 * header; `/%6Fauth2/token` answered `{statusCode, error, message}`; introspection with a
 * person's password answered 200 `{active: true, …}`.
 */
describe('F5: limits and error formats belong to the route, not to the raw URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMITS: 'on',
      TRUST_PROXY: 'true',
      LOGIN_LOCKOUT_THRESHOLD: '100',
      RATE_LIMIT_TOKEN_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_LOGIN_PER_MINUTE: String(LIMIT),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends TRIES requests from one address; returns their statuses and the first answer. */
  async function tries(send: (ip: string, i: number) => request.Test): Promise<{ statuses: number[]; first: request.Response }> {
    const ip = uniqueIp();
    const answers: request.Response[] = [];
    for (let i = 0; i < TRIES; i++) answers.push(await send(ip, i));
    return { statuses: answers.map((a) => a.status), first: answers[0] };
  }

  function expectLimited({ statuses, first }: { statuses: number[]; first: request.Response }, policy: string): void {
    expect(first.headers['ratelimit-policy']).toBe(`"${policy}";q=${LIMIT};w=60`);
    expect(first.headers.ratelimit).toMatch(new RegExp(`^"${policy}";r=${LIMIT - 1};t=\\d+$`));
    expect(statuses.slice(LIMIT)).toEqual(Array(TRIES - LIMIT).fill(429));
  }

  it('limits /consumer/%6Cogin together with /consumer/login', async () => {
    const result = await tries((ip, i) =>
      request(t.url)
        .post(i % 2 ? '/consumer/login' : '/consumer/%6Cogin')
        .set('X-Forwarded-For', ip)
        .send({ username: unique('nobody-'), password: 'wrong-password' }),
    );
    expectLimited(result, 'login');
  });

  it('limits /oauth2/%74oken and /authorization/%74oken', async () => {
    const result = await tries((ip, i) =>
      request(t.url)
        .post(i % 2 ? '/authorization/%74oken' : '/oauth2/%74oken')
        .set('X-Forwarded-For', ip)
        .type('form')
        .send(form({ grant_type: 'client_credentials', client_id: unique('guess-'), client_secret: 'wrong' })),
    );
    expectLimited(result, 'token');
  });

  it('limits introspection and revocation, which check client secrets, with the token policy', async () => {
    const paths = ['/oauth2/introspect', '/oauth2/%69ntrospect', '/oauth2/revoke', '/oauth2/revoke_%74oken'];
    const result = await tries((ip, i) =>
      request(t.url)
        .post(paths[i % paths.length])
        .set('X-Forwarded-For', ip)
        .set('Authorization', basicAuth(unique('guess-'), 'wrong'))
        .type('form')
        .send(form({ token: 'x' })),
    );
    expect(result.first.status).toBe(401);
    expectLimited(result, 'token');
  });

  it('answers in the format of the route that was hit, however its path was spelled', async () => {
    const token = await request(t.url).post('/%6Fauth2/token').set('X-Forwarded-For', uniqueIp()).type('form').send('grant_type=nonsense');
    expect(token.status).toBe(400);
    expect(token.body).toEqual({ error: 'unsupported_grant_type', error_description: expect.any(String) });

    const login = await request(t.url)
      .post('/%63onsumer/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ username: unique('nobody-'), password: 'wrong-password' });
    expect(login.status).toBe(400);
    expect(login.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });

    const odata = await request(t.url).get('/%6Fdata/01/rooms').set('X-Forwarded-For', uniqueIp());
    expect(odata.status).toBe(401);
    expect(odata.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it("refuses a person's password at introspection and revocation, even with grant_type=client_credentials", async () => {
    const victim = await createPerson(t);
    const person = basicAuth(victim.username, victim.password);
    const issued = await request(t.url)
      .post('/oauth2/token')
      .set('X-Forwarded-For', uniqueIp())
      .set('Authorization', person)
      .type('form')
      .send('grant_type=client_credentials')
      .expect(200);
    for (const path of ['/oauth2/introspect', '/oauth2/revoke']) {
      const res = await request(t.url)
        .post(path)
        .set('X-Forwarded-For', uniqueIp())
        .set('Authorization', person)
        .type('form')
        .send(form({ token: issued.body.access_token, grant_type: 'client_credentials' }));
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 401,
        body: { error: 'invalid_client', error_description: expect.any(String) },
      });
      expect(res.headers['www-authenticate']).toMatch(/^Basic /);
    }
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${issued.body.access_token}`).expect(200);
  });

  it('still lets a registered client introspect its own token', async () => {
    const owner = await createPerson(t);
    const app = await registerApp(t, owner.username, { grant_types: ['client_credentials'] });
    const client = basicAuth(app.client_id, app.client_secret!);
    const issued = await request(t.url)
      .post('/oauth2/token')
      .set('X-Forwarded-For', uniqueIp())
      .set('Authorization', client)
      .type('form')
      .send('grant_type=client_credentials')
      .expect(200);
    const res = await request(t.url)
      .post('/oauth2/introspect')
      .set('X-Forwarded-For', uniqueIp())
      .set('Authorization', client)
      .type('form')
      .send(form({ token: issued.body.access_token }))
      .expect(200);
    expect(res.body).toMatchObject({ active: true, client_id: app.client_id });
  });
});

import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { registerApp, createPerson, RegisteredApp } from './support/flows';

const PARAMETERS = [
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'client_id',
  'client_secret',
  'refresh_token',
  'scope',
  'username',
  'password',
  'client_assertion',
  'client_assertion_type',
  'resource',
  'audience',
  'token',
  'token_type_hint',
  'access_token',
];
const GRANTS = [
  'authorization_code',
  'client_credentials',
  'password',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code',
  'implicit',
  '',
];

/** Property (issue 7 item 6): whatever form body reaches the token endpoint, the answer is never a 5xx. */
describe('the token endpoint on random form bodies', () => {
  let t: TestApp;
  let app: RegisteredApp;
  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createPerson(t);
    app = await registerApp(t, owner.username);
  });
  afterAll(async () => {
    await t.close();
  });

  const value = () =>
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(...GRANTS),
      fc.constant(''),
      fc.constant('%'),
      fc.constant('\u0000'),
    );

  it('never answers 5xx, and every 4xx is an RFC 6749 error object', async () => {
    const field = fc.tuple(fc.oneof(fc.constantFrom(...PARAMETERS), fc.string({ maxLength: 12 })), value());
    const body = fc
      .array(field, { maxLength: 8 })
      .map((fields) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    const rawBody = fc.oneof(
      body,
      fc.string({ maxLength: 80 }),
      body.map((b) => `${b}&client_id=${app.client_id}&client_secret=${app.client_secret}`),
    );
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 30 }).map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      fc.constant(`Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`),
      fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    );
    await fc.assert(
      fc.asyncProperty(rawBody, authorization, async (raw, header) => {
        const req = request(t.url).post('/oauth2/token').set('Content-Type', 'application/x-www-form-urlencoded');
        if (header !== undefined) req.set('Authorization', header);
        const res = await req.send(raw);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400 && res.status !== 413 && res.status !== 429) expect(typeof res.body.error).toBe('string');
      }),
      { numRuns: 300 },
    );
    await request(t.url).get('/health').expect(200);
  });
});

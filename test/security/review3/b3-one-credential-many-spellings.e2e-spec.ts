import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { basicAuth, bearer, createPerson, form, registerApp, uniqueIp } from '../support/flows';

const LIMIT = 4;
/** The order of P-256's group (ES256): S and n − S both verify (ECDSA's malleability). */
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** The same signature with S replaced by n − S: another spelling of one token that still verifies. */
function twinOf(jwt: string): string {
  const [header, claims, signature] = jwt.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
  const twin = Buffer.concat([bytes.subarray(0, 32), Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex')]);
  return [header, claims, twin.toString('base64url')].join('.');
}

/** The same signature with base64url's spare low bits of the last character set: decodes to the same bytes. */
function spareBitsOf(jwt: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(jwt.at(-1)!);
  return jwt.slice(0, -1) + alphabet[(last & ~0b1111) | 0b0101];
}

/**
 * Review 3, B3 (low). The `api` limit counts per credential by a digest of the Authorization
 * header, but one credential has several headers: an ES256 token verifies with S or n − S and with
 * base64url's spare bits set, and one API key is sent as `Reference k`, `Basic :k`, `Basic apikey:k` (any case) or `Basic k:`. Each
 * spelling had a budget of its own. Found by a review session (helper), reproduced on 43fc4ee:
 * alternating a token and its n − S twin from ten addresses gave ten answers and no 429 with a
 * limit of five. Now a token counts by its signed part (header and claims) and a key by itself,
 * whichever scheme and Basic form carries it.
 */
describe('review 3 B3: every spelling of one credential draws on its one API budget', () => {
  let t: TestApp;
  let token: string;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMITS: 'on', TRUST_PROXY: 'true', RATE_LIMIT_API_PER_MINUTE: String(LIMIT) });
    const owner = await createPerson(t);
    const app = await registerApp(t, owner.username, { scopes: ['read'] });
    const issued = await request(t.url)
      .post('/oauth2/token')
      .set('Authorization', basicAuth(app.client_id, app.client_secret!))
      .type('form')
      .send(form({ grant_type: 'client_credentials', scope: 'read' }));
    token = issued.body.access_token;
    const cookie = await sessionCookieFor(t, owner.username);
    apiKey = (await request(t.url).post('/api/keys').set(consoleHeaders(t, cookie)).send({ name: 'Excel' }).expect(201)).body.key;
  });
  afterAll(async () => {
    await t?.close();
  });

  const rooms = (authorization: string) =>
    request(t.url).get('/api/database/01/rooms?$top=1').set('X-Forwarded-For', uniqueIp()).set('Authorization', authorization);

  it('counts a token and its twins (n − S, spare bits) as one credential', async () => {
    const spellings = [token, twinOf(token), spareBitsOf(token), spareBitsOf(twinOf(token))];
    expect(new Set(spellings).size).toBe(4);
    const statuses: number[] = [];
    for (const spelling of spellings) statuses.push((await rooms(bearer(spelling))).status);
    // Authenticated every time (404: the client's owner was given no database), never refused as a credential.
    expect(statuses).toEqual([404, 404, 404, 404]);
    expect((await rooms(bearer(twinOf(token)))).status).toBe(429);
    expect((await rooms(bearer(token))).status).toBe(429);
  });

  it('counts an API key as one credential whichever scheme and Basic form carries it', async () => {
    const encoded = (raw: string) => Buffer.from(raw).toString('base64');
    const spellings = [
      `Basic ${encoded(`:${apiKey}`)}`,
      `Basic ${encoded(`ApiKey:${apiKey}`)}`,
      `Reference ${apiKey}`,
      `basic  ${encoded(`${apiKey}:`)}`,
    ];
    const statuses: number[] = [];
    for (const spelling of spellings) statuses.push((await rooms(spelling)).status);
    // Authenticated every time (404: the owner was given no database), never refused as a credential.
    expect(statuses).toEqual([404, 404, 404, 404]);
    expect((await rooms(`Basic ${encoded(`apikey:${apiKey}`)}`)).status).toBe(429);
  });
});

import request from 'supertest';
import { sessionCookieFor } from '../support/sessions';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GET /', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a person who is not signed in to /login', async () => {
    const res = await request(t.url).get('/').set('Accept', BROWSER_ACCEPT).expect(303);
    expect(res.headers.location).toBe('/login');
  });

  it('sends a signed-in person to /account', async () => {
    const res = await request(t.url)
      .get('/')
      .set('Accept', BROWSER_ACCEPT)
      .set('Cookie', await sessionCookieFor(t, ADMIN.username))
      .expect(303);
    expect(res.headers.location).toBe('/account');
  });

  it('gives a program (curl sends */*) a JSON index of the endpoints', async () => {
    const res = await request(t.url)
      .get('/')
      .set('Accept', '*/*')
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body).toMatchObject({
      name: 'Tessera',
      issuer: t.url,
      documentation: { openapi: `${t.url}/docs`, openapi_json: `${t.url}/docs/json` },
      oauth: {
        metadata: `${t.url}/.well-known/oauth-authorization-server`,
        authorization_endpoint: `${t.url}/oauth2/authorize`,
        token_endpoint: `${t.url}/oauth2/token`,
        jwks_uri: `${t.url}/oauth2/jwks`,
      },
      health: { live: `${t.url}/health`, ready: `${t.url}/health/ready` },
    });
  });

  it('lists only endpoints that exist', async () => {
    const res = await request(t.url).get('/').set('Accept', 'application/json').expect(200);
    const links = collectLinks(res.body).filter((link) => !link.includes('{'));
    expect(links.length).toBeGreaterThan(15);
    for (const link of links) {
      // The token, revocation and introspection endpoints take POST only.
      const get = (await request(link).get('')).status;
      const status = get === 404 ? (await request(link).post('')).status : get;
      expect([link, status === 404]).toEqual([link, false]);
    }
  });

  it('serves a favicon', async () => {
    const res = await request(t.url)
      .get('/favicon.ico')
      .expect(200)
      .expect('content-type', /image\/svg\+xml/);
    expect(Buffer.isBuffer(res.body) ? res.body.toString() : res.text).toContain('<svg');
  });
});

function collectLinks(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('http') ? [value] : [];
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectLinks);
  return [];
}

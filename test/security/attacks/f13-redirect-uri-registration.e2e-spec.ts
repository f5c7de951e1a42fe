import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../../support/sessions';
import { startTestApp, TestApp } from '../../support/test-app';
import { createPerson, REDIRECT_URI, unique } from '../support/flows';

const REFUSED = [
  'javascript:alert(document.cookie)',
  'javascript://app.example.com/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'https://*.example.com/callback',
  'https://app.example.com/*',
  'http://evil.example/callback',
  'https://app.example.com/callback#fragment',
  'myapp://callback',
];

/** The field check's message, or the deployment check's (`redirect_uris: "…" uses plain http…`). */
const REDIRECT_URI_REFUSAL = /each redirect URI must be an absolute URI|^(post_logout_)?redirect_uris: ".*" uses plain http/;

const ACCEPTED = [
  'https://app.example.com/callback?tenant=1',
  'http://127.0.0.1:8080/callback',
  'http://[::1]:8080/callback',
  'http://localhost:5173/callback',
  'com.example.app:/oauth2redirect',
  'com.example.app://callback',
];

/**
 * F13. Registration accepted any absolute URI as a redirect or post-logout redirect URI. Seen
 * failing on 191b5a7: `javascript:`, `data:`, `vbscript:`, `file:`, wildcard, plain-http
 * non-loopback and dot-less custom-scheme URIs were registered (201 on create, 200 on update).
 * Now: https; http only on loopback (RFC 8252 §7.3); private-use schemes in reverse-domain form
 * (RFC 8252 §7.1); no fragment (RFC 6749 §3.1.2); plain http elsewhere only with
 * ALLOW_HTTP_REDIRECT_URIS=true (DAS's http://tempuri.org example).
 */
describe('F13: only https, loopback http and private-use schemes are registered as redirect URIs', () => {
  let t: TestApp;
  let cookie: string;
  let existing: string;
  beforeAll(async () => {
    t = await startTestApp();
    cookie = await sessionCookieFor(t, (await createPerson(t)).username);
    existing = (await create({ redirect_uris: [REDIRECT_URI] }).expect(201)).body.client_id;
  });
  afterAll(async () => {
    await t?.close();
  });

  function create(body: object, app: TestApp = t, asCookie = cookie) {
    return request(app.url)
      .post('/api/apps')
      .set(consoleHeaders(app, asCookie))
      .send({ name: unique('app-'), ...body });
  }

  it('refuses dangerous, wildcard, fragment and plain-http URIs on create and update, in both lists', async () => {
    for (const uri of REFUSED) {
      for (const field of ['redirect_uris', 'post_logout_redirect_uris']) {
        const body = { redirect_uris: [REDIRECT_URI], [field]: [REDIRECT_URI, uri] };
        const created = await create(body);
        expect({ uri, field, status: created.status, message: created.body.message }).toEqual({
          uri,
          field,
          status: 400,
          message: expect.stringMatching(REDIRECT_URI_REFUSAL),
        });
        const updated = await request(t.url)
          .patch(`/api/apps/${existing}`)
          .set(consoleHeaders(t, cookie))
          .send({ [field]: [uri] });
        expect({ uri, field, status: updated.status, message: updated.body.message }).toEqual({
          uri,
          field,
          status: 400,
          message: expect.stringMatching(REDIRECT_URI_REFUSAL),
        });
      }
    }
    const rows = await t.dataSource.query('SELECT redirect_uris, post_logout_redirect_uris FROM clients');
    expect(rows).toEqual([{ redirect_uris: JSON.stringify([REDIRECT_URI]), post_logout_redirect_uris: '[]' }]);
  });

  it('registers https, loopback http and reverse-domain private-use schemes', async () => {
    const res = await create({ redirect_uris: ACCEPTED, post_logout_redirect_uris: ACCEPTED }).expect(201);
    expect(res.body.redirect_uris).toEqual(ACCEPTED);
    await request(t.url).patch(`/api/apps/${existing}`).set(consoleHeaders(t, cookie)).send({ redirect_uris: ACCEPTED }).expect(200);
  });

  it('registers plain http elsewhere only where the deployment allows it (ALLOW_HTTP_REDIRECT_URIS)', async () => {
    const lenient = await startTestApp({ ALLOW_HTTP_REDIRECT_URIS: 'true' });
    try {
      const asCookie = await sessionCookieFor(lenient, (await createPerson(lenient)).username);
      await create({ redirect_uris: ['http://tempuri.org/callback?foo=bar'] }, lenient, asCookie).expect(201);
      await create({ redirect_uris: ['javascript:alert(1)'] }, lenient, asCookie).expect(400);
    } finally {
      await lenient.close();
    }
  });
});

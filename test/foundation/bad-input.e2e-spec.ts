import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { rawStatus } from '../support/raw-http';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

describe('bad input gets a 4xx, never a crash or a 500', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '2048' });
    cookie = await sessionCookieFor(t, ADMIN.username);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await request(t.url)
      .post('/api/keys')
      .set(consoleHeaders(t, cookie))
      .send({ name: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.statusCode).toBe(413);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await request(t.url)
      .post('/api/keys')
      .set(consoleHeaders(t, cookie))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400 });
  });

  it('answers 400 to a malformed form body and 415 to an unknown content type', async () => {
    const form = await request(t.url)
      .post('/api/keys')
      .set(consoleHeaders(t, cookie))
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('name=%E0%A4%A&&&=');
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    const unknown = await request(t.url)
      .post('/api/keys')
      .set(consoleHeaders(t, cookie))
      .set('Content-Type', 'application/x-tessera')
      .send('???');
    expect(unknown.status).toBe(415);
  });

  it('answers 431 to a header flood and 400 to a broken request line', async () => {
    const port = Number(new URL(t.url).port);
    const flood = Array.from({ length: 2000 }, (_, i) => `X-Flood-${i}: ${'a'.repeat(20)}`).join('\r\n');
    expect(await rawStatus(port, `GET /health HTTP/1.1\r\nHost: x\r\n${flood}\r\n\r\n`)).toBe(
      'HTTP/1.1 431 Request Header Fields Too Large',
    );
    expect(await rawStatus(port, 'GARBAGE\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
  });

  it('is still up and answering afterwards', async () => {
    await request(t.url).get('/health').expect(200);
    await request(t.url).get('/api/keys').set(consoleHeaders(t, cookie)).expect(200);
  });
});

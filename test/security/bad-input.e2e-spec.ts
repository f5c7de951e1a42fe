import request from 'supertest';
import { KeysService } from '../../src/keys/keys.service';
import { UsersService } from '../../src/users/users.service';
import { rawStatus } from '../support/raw-http';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { bearer, form, seedSmallDatabases } from './support/flows';

const isClientError = (status: number) => status >= 400 && status < 500;

/** Faults (issue 7 item 4) on the token endpoint and the resource API: 4xx, never a 500 or a crash. */
describe('bad input to the token endpoint and the resource API', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '4096' });
    await seedSmallDatabases(t);
    const admin = await t.app.get(UsersService).findByUsername(ADMIN.username);
    auth = bearer(
      (
        await t.app
          .get(KeysService)
          .create(admin!.id, { name: 'writer', kind: 'personal_token', scopes: ['read', 'write'], expiresAt: null })
      ).secret,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const token = () => request(t.url).post('/oauth2/token');

  it('answers a token request body over the limit with 413', async () => {
    const res = await token()
      .type('form')
      .send(form({ grant_type: 'client_credentials', client_id: 'x'.repeat(8000) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('answers malformed, duplicated or missing token parameters with an OAuth 400', async () => {
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', 'grant_type=%E0%A4%A&&&=&client_id=%'],
      ['application/x-www-form-urlencoded', 'grant_type=client_credentials&grant_type=password'],
      ['application/x-www-form-urlencoded', ''],
      ['application/x-www-form-urlencoded', 'grant_type[]=client_credentials&client_id[a]=b'],
      ['application/x-www-form-urlencoded', `grant_type=${'a'.repeat(3000)}`],
      ['application/json', '{"grant_type": '],
      ['application/json', '["grant_type","client_credentials"]'],
      ['text/plain', 'grant_type=client_credentials'],
    ];
    for (const [type, body] of bodies) {
      const res = await token().set('Content-Type', type).send(body);
      expect({ type, body: body.slice(0, 40), clientError: isClientError(res.status) }).toEqual({
        type,
        body: body.slice(0, 40),
        clientError: true,
      });
      if (res.status === 400) expect(typeof res.body.error).toBe('string');
      expect(res.text).not.toMatch(/at \S+\.(js|ts):\d+|SELECT |INSERT /);
    }
  });

  it('answers a header flood on the token endpoint with 431', async () => {
    const port = Number(new URL(t.url).port);
    const flood = Array.from({ length: 2000 }, (_, i) => `X-Flood-${i}: ${'a'.repeat(20)}`).join('\r\n');
    const body = 'grant_type=client_credentials';
    const status = await rawStatus(
      port,
      `POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n${flood}\r\n\r\n${body}`,
    );
    expect(status).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('answers bad writes to the resource API with 4xx in the OData error format', async () => {
    const writes: [string, request.Test][] = [
      [
        'body over the limit',
        request(t.url)
          .post('/api/database/01/rooms')
          .set('Authorization', auth)
          .send({ number: 'B-1', name: 'x'.repeat(8000), status: 'planned' }),
      ],
      [
        'malformed JSON',
        request(t.url).post('/odata/01/rooms').set('Authorization', auth).set('Content-Type', 'application/json').send('{"name": '),
      ],
      [
        'array body',
        request(t.url)
          .post('/api/database/01/rooms')
          .set('Authorization', auth)
          .send([{ name: 'a' }]),
      ],
      [
        'unknown field',
        request(t.url)
          .post('/odata/01/rooms')
          .set('Authorization', auth)
          .send({ number: 'B-2', name: 'n', status: 'planned', database_id: '02', id: 1 }),
      ],
      [
        'wrong types',
        request(t.url)
          .post('/api/database/01/rooms')
          .set('Authorization', auth)
          .send({ number: { $gt: '' }, name: ['x'], floor: 'high', area: 'big' }),
      ],
      ['form body', request(t.url).post('/odata/01/rooms').set('Authorization', auth).type('form').send('name=%E0%A4%A&&')],
      ['bad key', request(t.url).patch("/odata/01/rooms('1 or 1=1')").set('Authorization', auth).send({ name: 'x' })],
    ];
    for (const [what, pending] of writes) {
      const res = await pending;
      expect({ what, clientError: isClientError(res.status) }).toEqual({ what, clientError: true });
      if (res.status !== 413) expect({ what, body: typeof res.body?.error?.message }).toEqual({ what, body: 'string' });
    }
    const [{ n }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM rooms WHERE database_id = '02'");
    expect(Number(n)).toBe(20);
  });

  it('answers hostile query options with 400 and never a stack trace or SQL', async () => {
    const deep = `${'('.repeat(5000)}name eq 'a'${')'.repeat(5000)}`;
    const queries = [
      // Long enough to reach the parser deeply nested, short enough for Node's 16 KiB request-line limit.
      `$filter=${encodeURIComponent(deep)}`,
      `$filter=${encodeURIComponent(`${'not('.repeat(2500)}name eq 'a'${')'.repeat(2500)}`)}`,
      `$filter=${encodeURIComponent(`name in (${Array.from({ length: 1000 }, (_, i) => `'${i}'`).join(',')})`)}`,
      `$filter=${encodeURIComponent("name eq 'unterminated")}`,
      `$filter=${encodeURIComponent("name eq 'a'; DROP TABLE rooms; --")}`,
      `$filter=${encodeURIComponent("database_id eq '02'")}`,
      `$filter=${encodeURIComponent('1 eq 1')}`,
      '$filter=%00',
      '$top=-1',
      '$top=abc',
      '$top=1e309',
      '$skip=-5',
      '$skip=99999999999999999999',
      '$skiptoken=%7B%22a%22%3A1%7D',
      '$skiptoken=!!!',
      `$orderby=${encodeURIComponent('name; DROP TABLE rooms')}`,
      '$orderby=nosuchfield',
      `$select=${encodeURIComponent('name,(select 1)')}`,
      '$count=maybe',
      '$top=1&$top=2',
      '$unknownoption=1',
    ];
    for (const mount of ['/api/database/01/rooms', '/odata/01/rooms']) {
      for (const query of queries) {
        const res = await request(t.url).get(`${mount}?${query}`).set('Authorization', auth);
        const what = `${mount}?${query.slice(0, 60)}`;
        expect({ what, status: [200, 400].includes(res.status) ? 'ok' : res.status }).toEqual({ what, status: 'ok' });
        expect(res.text).not.toMatch(/at \S+\.(js|ts):\d+|SELECT .+ FROM |SQLITE_|ER_[A-Z_]{4,}/);
      }
    }
    expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM rooms WHERE database_id = '02'"))[0].n)).toBe(20);
  });

  it('is still up and answering afterwards', async () => {
    await request(t.url).get('/health').expect(200);
    await request(t.url).get('/api/database/01/rooms?$top=1').set('Authorization', auth).expect(200);
  });
});

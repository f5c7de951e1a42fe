import request from 'supertest';
import { Client } from '../../src/clients/client.entity';
import type { TestApp } from '../support/test-app';
import { basicHeader, nextLink, ResourceActors, startResourceApp } from './resource-fixtures';

describe('resource API authentication and visibility', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => {
    ({ t, actors } = await startResourceApp(12, { PAGE_SIZE_DEFAULT: '5', PAGE_SIZE_MAX: '5' }));
    const now = new Date();
    await t.dataSource.getRepository(Client).insert({
      clientId: 'open-data-viewer',
      ownerId: null,
      name: 'Open data viewer',
      description: null,
      secretHash: null,
      confidential: false,
      redirectUris: ['https://viewer.example/cb'],
      postLogoutRedirectUris: [],
      grantTypes: ['authorization_code'],
      scopes: ['read'],
      accessTokenTtl: null,
      refreshTokenTtl: null,
      clientCredentialsRefresh: false,
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const mounts = ['/api/database/01/rooms', '/odata/01/rooms'];

  describe('credential forms', () => {
    const forms: [string, () => string][] = [
      ['Bearer personal access token', () => `Bearer ${actors.readerToken}`],
      ['Basic ":key" (dRofus)', () => basicHeader('', actors.apiKey)],
      ['Basic "apikey:key"', () => basicHeader('apikey', actors.apiKey)],
      ['Basic "key:"', () => basicHeader(actors.apiKey, '')],
      ['Reference key', () => `Reference ${actors.apiKey}`],
    ];
    it.each(forms)('reads both mounts with %s', async (_name, header) => {
      const rest = await request(t.url).get(mounts[0]).set('Authorization', header()).expect(200);
      expect(rest.body).toHaveLength(5);
      const odata = await request(t.url).get(mounts[1]).set('Authorization', header()).expect(200);
      expect(odata.body.value).toEqual(rest.body);
    });

    it.each(mounts)('answers %s without credentials with 401 and both challenges', async (path) => {
      const res = await request(t.url).get(path).expect(401);
      expect(res.headers['www-authenticate']).toContain('Basic realm="Tessera"');
      expect(res.headers['www-authenticate']).toMatch(/Bearer/);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    });

    it('refuses an unknown key and a wrong password with 401', async () => {
      await request(t.url).get(mounts[0]).set('Authorization', basicHeader('', 'tsk_unknown')).expect(401);
      await request(t.url).get(mounts[0]).set('Authorization', 'Bearer tpat_unknown').expect(401);
      const basicPassword = await request(t.url)
        .get(mounts[1])
        .set('Authorization', basicHeader('wanda', 'wanda-password-123'))
        .expect(401);
      expect(basicPassword.headers['www-authenticate']).toContain('Basic realm="Tessera"');
    });
  });

  describe('partial access', () => {
    const partial = () => `Bearer ${actors.partial}`;
    const hidden = [
      '/api/database/01/rooms',
      '/api/database/01/rooms?$count=true',
      '/api/database/01/rooms/1',
      '/api/database/01/nosuchset',
      '/odata/01/',
      '/odata/01/$metadata',
      '/odata/01/rooms',
      '/odata/01/rooms(1)',
      '/odata/01/rooms/$count',
    ];

    it.each(hidden)('answers %s for a database the person may not see exactly like a missing one', async (path) => {
      const res = await request(t.url).get(path).set('Authorization', partial()).expect(404);
      const missing = await request(t.url).get(path.replace('/01/', '/zz/')).set('Authorization', partial()).expect(404);
      expect(res.body.error.message.replace('01', 'zz')).toBe(missing.body.error.message);
      expect(res.headers['x-total-count']).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toMatch(/Riverside/);
    });

    it('shows the databases the person may see', async () => {
      await request(t.url).get('/api/database/02/rooms').set('Authorization', partial()).expect(200);
      await request(t.url).get('/odata/02/rooms').set('Authorization', partial()).expect(200);
    });
  });

  describe('public databases', () => {
    it('are readable with a registered client_id and no token, on both mounts, links keeping it', async () => {
      const rest = await request(t.url).get('/api/database/03/rooms?client_id=open-data-viewer').expect(200);
      expect(rest.body).toHaveLength(5);
      expect(nextLink(rest.headers.link)).toContain('client_id=open-data-viewer');
      const next = await request(t.url).get(nextLink(rest.headers.link)!.slice(t.url.length)).expect(200);
      expect(next.body).toHaveLength(5);
      const odata = await request(t.url).get('/odata/03/rooms?client_id=open-data-viewer').expect(200);
      expect(odata.body['@odata.nextLink']).toContain('client_id=open-data-viewer');
      await request(t.url).get('/odata/03/$metadata?client_id=open-data-viewer').expect(200);
    });

    it('need a client_id naming a registered application', async () => {
      await request(t.url).get('/api/database/03/rooms').expect(401);
      const unknown = await request(t.url).get('/api/database/03/rooms?client_id=nobody').expect(401);
      expect(unknown.body.error.message).toMatch(/client_id/);
    });

    it('do not open private databases to a client_id', async () => {
      await request(t.url).get('/api/database/01/rooms?client_id=open-data-viewer').expect(401);
      await request(t.url).get('/api/database/zz/rooms?client_id=open-data-viewer').expect(401);
    });

    it('are readable by any token, but not writable without write access', async () => {
      await request(t.url).get('/api/database/03/rooms').set('Authorization', `Bearer ${actors.partial}`).expect(200);
      const write = await request(t.url)
        .post('/api/database/03/rooms')
        .set('Authorization', `Bearer ${actors.partial}`)
        .send({ number: 'X', name: 'X', status: 'planned' })
        .expect(403);
      expect(write.body.error.code).toBe('forbidden');
    });
  });

  describe('read-only principals', () => {
    const room = { number: 'R.1', name: 'Read-only test', status: 'planned' };
    const keyForms = () => [
      basicHeader('', actors.apiKey),
      basicHeader('apikey', actors.apiKey),
      basicHeader(actors.apiKey, ''),
      `Reference ${actors.apiKey}`,
    ];

    it('refuses every write through an API key with 403 on both mounts', async () => {
      for (const header of keyForms()) {
        expect(
          (await request(t.url).post('/api/database/01/rooms').set('Authorization', header).send(room).expect(403)).body.error.code,
        ).toBe('forbidden');
        await request(t.url).patch('/api/database/01/rooms/1').set('Authorization', header).send({ name: 'x' }).expect(403);
        await request(t.url).delete('/api/database/01/rooms/1').set('Authorization', header).expect(403);
        await request(t.url).post('/odata/01/rooms').set('Authorization', header).send(room).expect(403);
        await request(t.url).patch('/odata/01/rooms(1)').set('Authorization', header).send({ name: 'x' }).expect(403);
        await request(t.url).delete('/odata/01/rooms(1)').set('Authorization', header).expect(403);
      }
    });

    it('refuses a write through a token without the write scope with insufficient_scope', async () => {
      const res = await request(t.url)
        .post('/api/database/01/rooms')
        .set('Authorization', `Bearer ${actors.readerToken}`)
        .send(room)
        .expect(403);
      expect(res.body.error.code).toBe('insufficient_scope');
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
    });

    it('refuses a write to a database the person may only read, and hides one it may not see', async () => {
      expect(
        (await request(t.url).post('/api/database/02/rooms').set('Authorization', `Bearer ${actors.writer}`).send(room).expect(403)).body
          .error.message,
      ).toMatch(/read database 02 but not change it/);
      await request(t.url).post('/api/database/01/rooms').set('Authorization', `Bearer ${actors.partial}`).send(room).expect(404);
      await request(t.url).delete('/odata/01/rooms(1)').set('Authorization', `Bearer ${actors.partial}`).expect(404);
    });

    it('refuses an anonymous write with 401', async () => {
      await request(t.url).post('/api/database/03/rooms?client_id=open-data-viewer').send(room).expect(401);
    });
  });
});

describe('Basic username:password on the resource API (ALLOW_BASIC_PASSWORD=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    ({ t } = await startResourceApp(3, { ALLOW_BASIC_PASSWORD: 'true' }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads both mounts as the person, read-only', async () => {
    const header = basicHeader('wanda', 'wanda-password-123');
    expect((await request(t.url).get('/api/database/01/rooms').set('Authorization', header).expect(200)).body).toHaveLength(3);
    expect((await request(t.url).get('/odata/01/rooms').set('Authorization', header).expect(200)).body.value).toHaveLength(3);
    await request(t.url).get('/api/database/03/rooms').set('Authorization', header).expect(200);
    await request(t.url)
      .post('/api/database/01/rooms')
      .set('Authorization', header)
      .send({ number: 'X', name: 'X', status: 'planned' })
      .expect(403);
    await request(t.url).get('/api/database/01/rooms').set('Authorization', basicHeader('wanda', 'wrong-password-123')).expect(401);
  });
});

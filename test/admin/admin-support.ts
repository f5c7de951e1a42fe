import request from 'supertest';
import { DatabasesService } from '../../src/databases/databases.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { ADMIN, TestApp } from '../support/test-app';

/** The administrator's session cookie, and the demo catalogue entries `01` and `02`. */
export async function adminSession(t: TestApp): Promise<string> {
  const databases = t.app.get(DatabasesService);
  for (const id of ['01', '02']) if (!(await databases.findById(id))) await databases.create({ id, name: `Project ${id}`, public: false });
  return sessionCookieFor(t, ADMIN.username);
}

/** A personal access token of `username` with exactly these scopes, made through /api/keys. */
export async function personalToken(t: TestApp, cookie: string, scopes: string[]): Promise<string> {
  const res = await request(t.url)
    .post('/api/keys')
    .set(consoleHeaders(t, cookie))
    .send({ name: `token ${scopes.join(' ')}`, type: 'personal_token', scopes })
    .expect(201);
  return res.body.key;
}

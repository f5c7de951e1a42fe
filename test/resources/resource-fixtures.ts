import request from 'supertest';
import { ResourceSeeder } from '../../src/resources/seeds/resource-seeder';
import { Role } from '../../src/users/entities/role.entity';
import { UsersService } from '../../src/users/users.service';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

/** Credentials of the people the resource specs act as. */
export interface ResourceActors {
  /** Bearer personal access token (read, write) of a person with write access to 01 and read access to 02. */
  writer: string;
  /** Bearer personal access token (read only) of the same person. */
  readerToken: string;
  /** A read-only API key (tsk_…) of the same person, for the Basic / Reference forms. */
  apiKey: string;
  /** Bearer token of a person who may see database 02 only. */
  partial: string;
}

export const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * The real app on a fresh database with demo-like data: database 01 (`rooms` rooms), 02
 * (50 rooms) and 03 (public, 20 rooms), and the people of `ResourceActors`.
 */
export async function startResourceApp(rooms: number, env: Record<string, string> = {}): Promise<{ t: TestApp; actors: ResourceActors }> {
  const t = await startTestApp(env);
  const seeder = new ResourceSeeder(t.dataSource);
  await seeder.seed('01', 'Riverside Hospital', { rooms, items: 40, occurrences: 60 });
  await seeder.seed('02', 'Harbour Office Tower', { rooms: 50, items: 10, occurrences: 20 });
  await seeder.seed('03', 'Open Data Campus', { rooms: 20, items: 5, occurrences: 5 }, true);
  await t.dataSource
    .getRepository(Role)
    .save({ name: 'Planner', scopes: ['read', 'write', 'account'], isDefault: false, createdAt: new Date() });
  const users = t.app.get(UsersService);
  await users.create({
    username: 'wanda',
    password: 'wanda-password-123',
    roles: ['Planner'],
    databaseAccess: { '01': 'write', '02': 'read' },
  });
  await users.create({ username: 'pete', password: 'pete-password-1234', roles: ['Planner'], databaseAccess: { '02': 'write' } });
  const wanda = await sessionCookieFor(t, 'wanda');
  const pete = await sessionCookieFor(t, 'pete');
  const key = (cookie: string, body: object) =>
    request(t.url)
      .post('/api/keys')
      .set(consoleHeaders(t, cookie))
      .send(body)
      .expect(201)
      .then((r) => r.body.key as string);
  const actors = {
    writer: await key(wanda, { name: 'rw', type: 'personal_token', scopes: ['read', 'write'] }),
    readerToken: await key(wanda, { name: 'r', type: 'personal_token', scopes: ['read'] }),
    apiKey: await key(wanda, { name: 'excel' }),
    partial: await key(pete, { name: 'rw', type: 'personal_token', scopes: ['read', 'write'] }),
  };
  return { t, actors };
}

/** The URL of `rel="next"` in a Link header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  return link ? /<([^>]+)>; rel="next"/.exec(link)?.[1] : undefined;
}

/** Every row of a REST collection, following next links; also how many pages it took. */
export async function collectRest(base: string, path: string, auth: string): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let url: string | undefined = `${base}${path}`;
  let pages = 0;
  while (url) {
    const res: request.Response = await request(url).get('').set('Authorization', auth);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${res.text}`);
    rows.push(...res.body);
    pages++;
    url = nextLink(res.headers.link);
  }
  return { rows, pages };
}

/** Every row of an OData collection, following @odata.nextLink. */
export async function collectOData(base: string, path: string, auth: string): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let url: string | undefined = `${base}${path}`;
  let pages = 0;
  while (url) {
    const res: request.Response = await request(url).get('').set('Authorization', auth);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${res.text}`);
    rows.push(...res.body.value);
    pages++;
    url = res.body['@odata.nextLink'];
  }
  return { rows, pages };
}
